"""Japanese news text written for the tests (a made-up hydrogen venture; not from the seeds)."""

ARTICLE = """水素の新会社、三社が共同出資
日立製作所と三菱商事、関西電力の3社は2025年4月8日、水素の供給網を整える新会社「ハイドロリンク」を大阪市に設立すると発表した。
資本金は約120億円で、日立製作所が40%を出資する。
経済産業省は2026年度から最大300億円を補助する方針だ。
新会社の社長には三菱商事の田中一郎氏が就く。
関西電力の森本孝社長は「2030年までに年間10万トンを供給したい」と述べた。
"""

ARTICLE_TITLE = "水素の新会社、三社が共同出資"

#: a Japanese article that names its companies in Latin script as well
LATIN_NAMES = (
    "ソフトバンクグループとNECは10月2日、東京都内で記者会見を開いた。"
    "両社はSoftBankの子会社を通じて、AIの研究拠点を共同で運営する。"
)

SHORT = "了解"
ENGLISH = (
    "The three utilities said on Tuesday that they would set up a hydrogen supply company in Osaka, "
    "with an initial capital of about 12 billion yen."
)
FRENCH = "Les trois entreprises ont annoncé mardi la création d'une société commune pour l'hydrogène."
