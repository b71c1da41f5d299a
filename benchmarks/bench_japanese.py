"""Japanese: GiNZA's load time, Japanese extraction throughput, and a start-up that imports nothing Japanese.

The text is written for this benchmark (a made-up story about batteries, not the seeds): a few dozen
Japanese news sentences, recombined into N articles of about 30 sentences each, every article
distinct. Extraction is the app's own (extract_pending: GiNZA's NER, gazetteer, rules, values,
resolution, writing), timed after the model has loaded; raw nlp.pipe of the same texts (NER only and
the whole pipeline) is the reference. Start-up is bench_startup's measurement on the seeds and on the
seeds plus the Japanese articles (extracted), with the modules loaded at first paint listed.
Usage: python benchmarks/bench_japanese.py [--articles N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, median

SENTENCES = [
    "トヨタ自動車とパナソニックは2024年10月1日、車載電池の新会社を設立すると発表した。",
    "新会社の資本金は約500億円で、トヨタ自動車が51%、パナソニックが49%を出資する。",
    "経済産業省は2025年度から最大1200億円を補助する方針を示した。",
    "新エネルギー・産業技術総合開発機構（NEDO）が技術開発を支援する。",
    "新会社の社長にはトヨタ自動車の佐藤健一氏が就任する予定だ。",
    "兵庫県姫路市に年産10ギガワット時の工場を建設し、2027年の稼働を目指す。",
    "全固体電池の量産では中国や韓国の企業が先行している。",
    "日産自動車も同様の計画を検討しているが、詳細は明らかにしていない。",
    "電池材料の調達では住友金属鉱山と長期契約を結んだ。",
    "総投資額は2030年までに1兆2000億円に達する見通しだ。",
    "政府は経済安全保障の観点から蓄電池の国内生産を重視している。",
    "会見で佐藤氏は「国内の供給網を強くしたい」と述べた。",
    "パナソニックエナジーの只信一生社長は「技術者を約300人増やす」と語った。",
    "同社は米国ネバダ州の工場でも増産を進めている。",
    "テスラ向けの円筒形電池が売上高の約6割を占める。",
    "欧州連合（EU）は電池の炭素排出量の開示を義務付ける規則を定めた。",
    "ドイツのフォルクスワーゲンは電池事業を分社化した。",
    "韓国のLGエナジーソリューションは北米で新工場を建設中だ。",
    "円安を背景に、国内生産の採算は改善している。",
    "原材料のリチウム価格は前年比で約3割下落した。",
    "三菱UFJ銀行やみずほ銀行など3行が協調融資を検討している。",
    "融資額は総額で2000億円規模になる見込みだ。",
    "新会社は大阪市に研究拠点を置き、約100人の研究者を集める。",
    "経済産業省の担当者は「2030年度に国内で150ギガワット時の生産能力を確保したい」と話した。",
    "令和6年度の補正予算には蓄電池の支援策が盛り込まれた。",
    "東京証券取引所でトヨタ自動車の株価は一時2%上昇した。",
    "市場関係者の間では、共同出資の効果を見極めたいとの声が多い。",
    "両社は11月中旬に詳細な事業計画を公表する。",
    "ホンダとソニーグループの合弁会社も車載ソフトウエアの開発を急いでいる。",
    "NECと富士通は電池管理システムで協業する方針だ。",
    "ソフトバンクグループの孫正義会長は電池分野への投資に意欲を示した。",
    "新会社は10年間で累計5兆円の売上高を目標に掲げる。",
]


def make_articles(n: int, per_article: int = 30, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        body = [rng.choice(SENTENCES) for _ in range(per_article)]
        out.append(f"電池の新会社、二社が共同出資（{i + 1}）\n" + "\n".join(body) + f"\n記事番号{i + 1}。\n")
    return out


def ginza_load_seconds(runs: int) -> tuple[float, float]:
    """(import + spacy.load in a fresh interpreter, median; and the first recogniser construction)."""
    code = (
        "import time; t=time.time()\n"
        "from workbench.core.nlp import recognizer\n"
        "recognizer('ja'); print(time.time()-t)\n"
    )
    times = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(r.stdout.split()[-1]))
    return median(times), min(times)


def start_modules(db: Path) -> list[str]:
    """Japanese or NLP modules loaded by the time the window has painted and listed the project."""
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from workbench.ui.app import _application, open_window\n"
        "app = _application()\n"
        "win, lock = open_window(Path(sys.argv[1]), settings=QSettings(sys.argv[2], QSettings.IniFormat))\n"
        "win.show(); app.processEvents()\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'ginza', 'ja_ginza', 'sudachipy', 'lingua', 'thinc', 'pyqtgraph')})\n"
        "win.shutdown(); print(' '.join(bad) or '-')\n"
    )
    ini = Path(tempfile.mkdtemp()) / "s.ini"
    r = subprocess.run(
        [sys.executable, "-c", code, str(db), str(ini)], capture_output=True, text=True, check=True
    )
    return r.stdout.split()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5, help="start-up runs (alternated pairs) and GiNZA loads")
    args = ap.parse_args()
    print(f"machine: {machine()}")

    load_med, load_min = ginza_load_seconds(min(args.runs, 3))
    print(
        f"{'GiNZA load (import + ja_ginza), fresh process':<48} median {load_med:5.2f} s  (min {load_min:.2f} s)"
    )

    from workbench.core.extraction import extract_pending
    from workbench.core.ingest import ingest
    from workbench.core.nlp import recognizer
    from workbench.core.service import build_from_seeds
    from workbench.core.store import Store

    texts = make_articles(args.articles)
    chars = sum(len(t) for t in texts)
    sentences = sum(t.count("。") for t in texts)
    tmp = Path(tempfile.mkdtemp())
    folder = tmp / "ja"
    folder.mkdir()
    for i, t in enumerate(texts):
        (folder / f"ja_{i:04d}.txt").write_text(t, encoding="utf-8")
    seeds_db, ja_db = tmp / "seeds.workbench.db", tmp / "seeds_ja.workbench.db"
    with Store(seeds_db) as s:
        build_from_seeds(s)
    with Store(ja_db) as s:
        build_from_seeds(s)
        t0 = time.perf_counter()
        report = ingest(s, [folder])
        t_ingest = time.perf_counter() - t0
        rec = recognizer("ja")  # loaded before timing: throughput, not load
        t0 = time.perf_counter()
        done = extract_pending(s)
        t_extract = time.perf_counter() - t0
        words = sum(
            s.articles.summaries(s.articles.ids(language="ja"))[a].words
            for a in s.articles.ids(language="ja")
        )
    print(
        f"Japanese text: {len(report.added)} articles, {chars:,} characters, {sentences:,} sentences, {words:,} tokens"
    )
    print(
        f"{'ingest (language detection, segmentation)':<48} {t_ingest:6.2f} s  {len(texts) / t_ingest:7.1f} articles/s"
    )
    print(
        f"{'workbench extraction (extract_pending)':<48} {t_extract:6.2f} s  {done['articles'] / t_extract:7.1f} articles/s"
        f"  {chars / t_extract:8,.0f} chars/s  {sentences / t_extract:6.0f} sentences/s  ({done['mentions']:,} mentions)"
    )
    with rec.nlp.select_pipes(enable=["tok2vec", "ner"]):
        t0 = time.perf_counter()
        for _ in rec.nlp.pipe(texts, batch_size=16):
            pass
        raw_ner = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in rec.nlp.pipe(texts, batch_size=16):
        pass
    raw_full = time.perf_counter() - t0
    print(
        f"{'raw nlp.pipe, NER only (tok2vec + ner)':<48} {raw_ner:6.2f} s  {len(texts) / raw_ner:7.1f} articles/s"
    )
    print(
        f"{'raw nlp.pipe, whole GiNZA pipeline':<48} {raw_full:6.2f} s  {len(texts) / raw_full:7.1f} articles/s"
    )
    print(f"{'workbench / raw NER-only time':<48} {t_extract / raw_ner:6.2f}x")

    from bench_startup import compare

    for name, db in (("seeds", seeds_db), (f"seeds + {len(texts)} Japanese", ja_db)):
        mods = start_modules(db)
        m = compare(db, args.runs)
        print(
            f"start-up, {name:<24} first paint {m['workbench_ms']:5.0f} ms (bare {m['bare_ms']:4.0f} ms, "
            f"{m['ratio']:.2f}x), listed {m['ready_ms']:5.0f} ms; NLP/Japanese modules at first paint: {' '.join(mods)}"
        )


if __name__ == "__main__":
    main()
