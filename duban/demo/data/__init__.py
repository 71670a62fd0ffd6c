"""The demo district's data: facts taken from the five seed articles, written as short records of our own.

Each module holds plain Python data (lists of dicts), read by ``duban.demo.loader``. Facts carry
``provenance=source`` and a ``source_note`` naming the article; generated filler is made by
``duban.demo.generate`` and marked ``provenance=generated`` with ``source_note`` "演示数据（生成）".
"""

#: Source notes, one per seed article (file names in /work/shared/seeds/ given for maintainers).
SRC_2020 = "据2020年“聚焦提升年”报道"  # 001: 聚焦提升 攻坚克难
SRC_2020H1 = "据2020年“中国百强区”报道（上半年数据）"  # 004: 迈入全国百强区
SRC_2021 = "据2021年区政府工作报告报道"  # 000: 市中区新貌 / 十四五
SRC_2022 = "据2022年“突破提升年”十年回顾报道"  # 002: 加快转型升级 推进产城融合
SRC_2024 = "据2024年区政府工作报告报道"  # 003: 聚力攻坚 砥砺前行 (2024 plan, 2023 results)

#: The mark of every generated record.
GENERATED = "演示数据（生成）"
