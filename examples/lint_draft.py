"""Check a drafted reply before sending it, and show the better phrasing for each problem."""

import phraselint

draft = "Боюсь, ты не поймешь. Это описано в пункте 74.2 руководства."
report = phraselint.lint(draft, lang="ru")
for v in report.violations:
    print(f"{v.category:<18} {v.text!r:<40} -> {v.rewrites[0]}")
print("send" if report.ok else "blocked")
