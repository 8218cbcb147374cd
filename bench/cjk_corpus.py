#!/usr/bin/env python3
"""Deterministic synthetic Chinese, Japanese and Korean articles as JSON Lines, for the search
benchmark: words drawn from small hand-written vocabularies, written as those languages are
(no spaces in Chinese and Japanese, words with particles in Korean), with the benchmark's query
words at known shares.

  cjk_corpus.py COUNT [SEED]

Shares, by construction: 移民 (migration) in about 20% of the Chinese articles, the phrase
非法移民 (illegal migration) in about 4%, 遣返 (repatriation) in about 1%, the Latin word Taiwan in
about 10% of all; 労働者 in about 30% of the Japanese, 이민자 in about 30% of the Korean.
"""
import json, random, sys

count = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)

chinese = ("政府 表示 官员 记者 会议 问题 政策 合作 国家 地区 经济 发展 边境 安全 法律 社会 工作 城市 "
           "人口 报告 部门 委员会 外交部 发言人 今天 昨天 继续 加强 支持 反对 宣布 讨论 计划 措施 情况 "
           "国际 关系 双方 签证 护照 家庭 学校 医院 公司 市场 贸易 投资 农村 居民 警方 调查 法院 判决").split()
japanese = ("政府 首相 会見 記者 政策 方針 外国人 受け入れ 拡大 経済 地域 社会 問題 課題 制度 改正 "
            "法案 国会 議論 発表 調査 結果 企業 雇用 賃金 生活 支援 自治体 住民 ひらがな").split()
japanese_particles = "は が を に の で と も".split()
korean = "정부 정책 발표 이민 제도 비자 노동 시장 경제 사회 문제 지역 주민 회의 기자 장관 국회 법안 조사 결과".split()
korean_particles = ["은", "는", "이", "가", "을", "를", "에", "의", "도", ""]
outlets = {"zh": ["新华日报", "华夏时报", "南方晨报"], "ja": ["東都新聞", "日刊経済"], "ko": ["서울일보", "한빛신문"]}


def chinese_text(words):
    sentences, sentence = [], []
    for word in words:
        sentence.append(word)
        if len(sentence) >= rng.randint(6, 12):
            sentences.append("".join(sentence) + "。")
            sentence = []
    if sentence:
        sentences.append("".join(sentence) + "。")
    return "".join(sentences)


def article(number):
    language = rng.choices(["zh", "ja", "ko"], weights=[6, 2, 2])[0]
    size = rng.randint(80, 300)
    if language == "zh":
        words = [rng.choice(chinese) for _ in range(size)]
        if rng.random() < 0.20:
            words[rng.randrange(size)] = "移民"
        if rng.random() < 0.04:
            words[rng.randrange(size)] = "非法移民"
        if rng.random() < 0.01:
            words[rng.randrange(size)] = "遣返"
        title = "".join(rng.choice(chinese) for _ in range(4))
        body = chinese_text(words)
    elif language == "ja":
        words = [rng.choice(japanese) + rng.choice(japanese_particles) for _ in range(size)]
        if rng.random() < 0.30:
            words[rng.randrange(size)] = "労働者の"
        title = "".join(rng.choice(japanese) for _ in range(3))
        body = chinese_text(words)
    else:
        words = [rng.choice(korean) + rng.choice(korean_particles) for _ in range(size)]
        if rng.random() < 0.30:
            words[rng.randrange(size)] = "이민자들은"
        title = " ".join(rng.choice(korean) for _ in range(3))
        body = " ".join(words) + "."
    if rng.random() < 0.10:
        body += " Taiwan"
    day = rng.randint(1, 28)
    return {"guid": f"cjk-{number}", "title": title, "body": body, "language": language,
            "outlet": rng.choice(outlets[language]), "date": f"2024-{rng.randint(1, 12):02d}-{day:02d}"}


for number in range(1, count + 1):
    print(json.dumps(article(number), ensure_ascii=False))
