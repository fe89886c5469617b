"""Benchmark phraselint against spaCy's tokeniser alone and a regex alternation, in one run.

    python benchmarks/bench_lint.py [--messages 20000] [--rounds 5] [--langs en,ru]

Generates agent-style replies (20-60 words, ~5 % containing a phrase from a rule's bad examples)
and prints medians over rounds: messages/s and words/s for phraselint, for spaCy's tokeniser alone
(the ceiling for anything that tokenises) and for one compiled `regex` alternation of the same
surface phrases (what a hand-written script does), with the ratios; p50/p99 latency of one
60-word draft; cold start of `phraselint check` on one draft; and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

import phraselint
from phraselint.lang.registry import get_pipeline

CLEAN = {
    "en": [
        "Thank you for reaching out to us about order {num}.",
        "I have checked account {num} and the charge of {money} is correct.",
        "Your refund of {money} was issued on {day} and should reach your card within five business days.",
        "I have updated the delivery address for {name} on order {num}.",
        "The replacement {product} ships on {day} by courier.",
        "Could you send me the serial number of your {product} so I can look into it?",
        "I am sorry for the delay with parcel {num}, {name}.", "A password reset link for {email} is on its way.",
        "I have added a note to ticket {num} for our billing team.", "The outage in {city} was fixed at {time}.",
        "You can also reply to this message if anything else comes up.", "Have a lovely {day}, {name}.",
        "I have applied a {pct} discount to your next invoice as an apology.",
        "The technician will call {phone} thirty minutes before arriving on {day}.",
        "Your {product} subscription renews on {day} for {money}.",
        "I can see payment {num} and have marked it as paid.",
        "Let me know which time suits you best on {day} for the call back.", "Kind regards, {name} from support.",
        "Flight {flight} to {city} is now confirmed for {day} at {time}.", "Your {product} warranty runs until {day}.",
    ],
    "ru": [
        "Спасибо за обращение по заказу {num}.", "Я проверила счёт {num}, списание {money} верное.",
        "Возврат {money} оформлен {day} и поступит на карту в течение пяти рабочих дней.",
        "Я обновил адрес доставки для заказа {num}, {name}.", "Новый {product} отправим {day} курьером.",
        "Пришлите, пожалуйста, серийный номер устройства {product}, и я всё проверю.",
        "Приносим извинения за задержку посылки {num}.", "Ссылка для смены пароля отправлена на {email}.",
        "Я оставила заметку в обращении {num} для отдела биллинга.", "Авария в городе {city} устранена в {time}.",
        "Если появятся вопросы, просто ответьте на это письмо.", "Хорошего дня, {name}!",
        "Я начислил скидку {pct} на следующий счёт в качестве извинения.",
        "Мастер позвонит на номер {phone} за полчаса до приезда {day}.",
        "Подписка {product} продлится {day} за {money}.", "Я вижу платёж {num} и отметила счёт как оплаченный.",
        "Подскажите, в какое время {day} вам удобно принять звонок.", "С уважением, {name}, служба поддержки.",
        "Рейс {flight} в город {city} подтверждён на {day}, вылет в {time}.",
        "Гарантия на {product} действует до {day}.",
    ],
    "fi": [
        "Kiitos yhteydenotostasi koskien tilausta {num}.",
        "Tarkistin tilin {num}, ja {money} veloitus on oikein.",
        "Palautus {money} on maksettu {day}, ja se näkyy kortillasi viiden arkipäivän kuluessa.",
        "Päivitin toimitusosoitteen tilaukseen {num}, {name}.",
        "Uusi {product} lähtee kuriirin mukana {day}.",
        "Voisitko lähettää laitteen {product} sarjanumeron, niin selvitän asian?",
        "Pahoittelemme paketin {num} viivästystä.",
        "Salasanan vaihtolinkki on lähetetty osoitteeseen {email}.",
        "Lisäsin tikettiin {num} merkinnän laskutustiimille.",
        "Häiriö alueella {city} korjattiin kello {time}.",
        "Voit myös vastata tähän viestiin, jos mieleesi tulee muuta kysyttävää.",
        "Mukavaa päivänjatkoa, {name}!",
        "Annoin seuraavasta laskusta {pct} alennuksen pahoitteluna.",
        "Asentaja soittaa numeroon {phone} puoli tuntia ennen saapumistaan {day}.",
        "Lento {flight} kohteeseen {city} on vahvistettu, lähtö kello {time}.",
        "Ystävällisin terveisin, {name}, asiakaspalvelu.",
    ],
    "sl": [
        "Hvala za vaše sporočilo glede naročila {num}.",
        "Preverila sem račun {num} in bremenitev {money} je pravilna.",
        "Vračilo {money} smo izvedli {day}, na kartici bo vidno v petih delovnih dneh.",
        "Posodobil sem naslov za dostavo pri naročilu {num}, {name}.",
        "Nadomestni {product} bomo poslali s kurirjem {day}.",
        "Mi lahko pošljete serijsko številko naprave {product}, da preverim?",
        "Opravičujemo se za zamudo paketa {num}.",
        "Povezava za ponastavitev gesla je poslana na {email}.",
        "V zahtevek {num} sem dodala opombo za oddelek za obračun.",
        "Motnja v kraju {city} je bila odpravljena ob {time}.",
        "Če imate še kakšno vprašanje, preprosto odgovorite na to sporočilo.",
        "Lep pozdrav, {name}.",
        "Pri naslednjem računu sem vam odobrila {pct} popusta kot opravičilo.",
        "Serviser vas bo poklical na {phone} pol ure pred prihodom {day}.",
        "Let {flight} v {city} je potrjen, odhod ob {time}.",
        "S spoštovanjem, {name}, služba za pomoč strankam.",
    ],
    "el": [
        "Σας ευχαριστούμε για την επικοινωνία σχετικά με την παραγγελία {num}.",
        "Έλεγξα τον λογαριασμό {num} και η χρέωση των {money} είναι σωστή.",
        "Η επιστροφή των {money} έγινε στις {day} και θα εμφανιστεί στην κάρτα σας σε πέντε εργάσιμες.",
        "Ενημέρωσα τη διεύθυνση αποστολής για την παραγγελία {num}, {name}.",
        "Το νέο {product} θα σταλεί με courier στις {day}.",
        "Θα μπορούσατε να μου στείλετε τον σειριακό αριθμό της συσκευής {product};",
        "Ζητούμε συγγνώμη για την καθυστέρηση του δέματος {num}.",
        "Ο σύνδεσμος για νέο κωδικό στάλθηκε στο {email}.",
        "Πρόσθεσα σημείωση στο αίτημα {num} για το τμήμα χρεώσεων.",
        "Η βλάβη στην περιοχή {city} αποκαταστάθηκε στις {time}.",
        "Αν έχετε άλλη ερώτηση, απαντήστε απλώς σε αυτό το μήνυμα.",
        "Καλή συνέχεια, {name}.",
        "Σας έκανα έκπτωση {pct} στον επόμενο λογαριασμό ως αποζημίωση.",
        "Ο τεχνικός θα σας καλέσει στο {phone} μισή ώρα πριν έρθει, στις {day}.",
        "Η πτήση {flight} προς {city} επιβεβαιώθηκε, αναχώρηση στις {time}.",
        "Με εκτίμηση, {name}, εξυπηρέτηση πελατών.",
    ],
}
SLOTS = {
    "name": ["Sarah", "Tom", "Ольга", "Игорь", "Maria", "Jussi", "Nikos", "Petra", "Ahmed", "Léa", "Анна", "Chen"],
    "product": ["router", "Galaxy S24", "Premium", "Fibre 500", "Kindle", "ThinkPad", "iPhone 15", "Pro", "Smart TV"],
    "city": ["Leeds", "Москва", "Helsinki", "Ljubljana", "Athens", "Berlin", "Казань", "Porto", "Lyon"],
    "day": ["Monday", "Tuesday", "12.03", "5 May", "пятницу", "15 апреля", "2026-11-30", "tomorrow", "понедельник"],
}


def fill(template: str, rng: random.Random) -> str:
    """Return *template* with its slots filled by fresh values (ids, sums and names vary like real ones)."""
    return template.format(
        num=f"{rng.randint(10_000, 9_999_999)}", money=f"{rng.randint(5, 900)}.{rng.randint(0, 99):02d} €",
        pct=f"{rng.choice([5, 10, 15, 20])}%", time=f"{rng.randint(7, 21)}:{rng.choice(['00', '15', '30', '45'])}",
        phone=f"+{rng.randint(30, 49)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}",
        email=f"user{rng.randint(1, 99999)}@example.com",
        flight=f"{rng.choice(['AY', 'SU', 'LH', 'A3'])}{rng.randint(100, 2999)}",
        **{slot: rng.choice(values) for slot, values in SLOTS.items()},
    )


def generate(lang: str, count: int, phrases: list[str], rng: random.Random) -> list[str]:
    """Return *count* replies of 20-60 words; about 5 % contain one forbidden phrase."""
    messages = []
    for _ in range(count):
        sentences: list[str] = []
        target = rng.randint(20, 60)
        while sum(len(s.split()) for s in sentences) < target:
            sentences.append(fill(rng.choice(CLEAN[lang]), rng))
        if rng.random() < 0.05:
            sentences.insert(rng.randrange(len(sentences) + 1), rng.choice(phrases))
        messages.append(" ".join(sentences))
    return messages


def phrases_of(linter: phraselint.Linter, lang: str) -> list[str]:
    """Return the bad examples of *lang*'s rules: texts each rule is known to flag."""
    return sorted({b.text for r in linter.rules(lang) for b in r.bad})


def timed(fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cold_start(lang: str | None, draft: str) -> float:
    """Return the median wall time of `phraselint check` on one draft in a fresh process."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(draft)
    args = [sys.executable, "-m", "phraselint", "check", "--isolated", f.name]
    if lang:
        args[4:4] = ["--lang", lang]
    times = [timed(lambda: subprocess.run(args, capture_output=True, check=False)) for _ in range(5)]
    Path(f.name).unlink()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--langs", default="en,ru")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start runs")
    args = parser.parse_args()
    rng = random.Random(7)
    linter = phraselint.Linter()
    print(f"{'lang':<5}{'design':<34}{'msg/s':>10}{'words/s':>12}{'vs tokenizer':>14}{'vs regex':>10}")
    latency_drafts = {}
    for lang in args.langs.split(","):
        phrases = phrases_of(linter, lang)
        surface = sorted({b.flag for r in linter.rules(lang) for b in r.bad}, key=len, reverse=True)
        messages = generate(lang, args.messages, phrases, rng)
        words = sum(len(m.split()) for m in messages)
        tokenizer = get_pipeline(lang).nlp.tokenizer
        alternation = regex.compile("|".join(regex.escape(p) for p in surface), regex.IGNORECASE)
        designs = {
            "spaCy tokenizer alone": lambda t=tokenizer, ms=messages: [None for _ in t.pipe(ms)],
            "regex alternation of the phrases": lambda a=alternation, ms=messages: [a.findall(m) for m in ms],
            "phraselint lint_many": lambda ms=messages, code=lang: [None for _ in linter.lint_many(ms, lang=code)],
        }
        designs["phraselint lint_many"]()  # warm the word-form caches once, as a running service would
        rounds: dict[str, list[float]] = {name: [] for name in designs}
        for _ in range(args.rounds):
            for name, run in designs.items():
                rounds[name].append(timed(run))
        median = {name: statistics.median(t) for name, t in rounds.items()}
        for name, seconds in median.items():
            ratio_tok = median["spaCy tokenizer alone"] / seconds
            ratio_re = median["regex alternation of the phrases"] / seconds
            print(f"{lang:<5}{name:<34}{len(messages) / seconds:>10,.0f}{words / seconds:>12,.0f}"
                  f"{ratio_tok:>13.2f}x{ratio_re:>9.2f}x")
        flagged = sum(1 for r in linter.lint_many(messages, lang=lang) if r.violations)
        print(f"{lang:<5}flagged {flagged} of {len(messages)} messages ({words} words)")
        draft_words: list[str] = []
        while len(draft_words) < 60:
            draft_words.extend(fill(rng.choice(CLEAN[lang]), rng).split())
        draft = " ".join(draft_words[:55]) + " " + phrases[0]
        latency_drafts[lang] = draft
        samples = []
        for _ in range(3000):
            start = time.perf_counter()
            linter.lint(draft, lang=lang)
            samples.append(time.perf_counter() - start)
        samples.sort()
        p50, p99 = samples[len(samples) // 2], samples[int(len(samples) * 0.99)]
        print(f"{lang:<5}one {len(draft.split())}-word draft, warm: p50 {p50 * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS) with {args.langs} loaded: {peak:.0f} MB")
    big_lang = args.langs.split(",")[0]
    sizes = {}
    for megabytes in (1, 10):
        text = "\n".join(generate(big_lang, 20_000 * megabytes, phrases_of(linter, big_lang), rng))[: megabytes * 10**6]
        sizes[megabytes] = timed(lambda t=text: linter.lint(t, lang=big_lang))
    print(f"one {big_lang} input of 1 MB: {sizes[1]:.2f} s; of 10 MB: {sizes[10]:.2f} s"
          f" (ratio {sizes[10] / sizes[1]:.1f}; linear is 10)")
    for lang, draft in latency_drafts.items() if not args.skip_cold else ():
        print(f"cold start, `phraselint check --lang {lang}` one draft: median {cold_start(lang, draft):.2f} s")
        print(f"cold start, `phraselint check` (language detected) one draft: median {cold_start(None, draft):.2f} s")


if __name__ == "__main__":
    main()
