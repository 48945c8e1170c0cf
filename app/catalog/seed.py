"""The launch catalog, in words a non-expert understands, in Simplified Chinese and in English.
``flask seed`` adds what is missing and never overwrites a product or plan an operator has since
edited. The Chinese is written the way WeSure writes: plain, short, no jargon."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog.document_seed import seed_documents
from app.catalog.models import Insurer, Plan, Product
from app.extensions import db

YUAN = 100  # fen

#: A plainly fictional underwriter, so development shows where the real one goes. Production
#: sells nothing it underwrites until an operator names the real insurer (docs/domain.md).
EXAMPLE_INSURER = {
    "code": "example",
    "name_zh": "示例保险股份有限公司",
    "name_en": "Example Insurance Co., Ltd. (not a real company)",
    "licence_no": "示例-000000",
    "hotline": "95000",
    "complaint_channel_zh": "拨打客服热线95000转投诉，或在小程序“我的—常见问题与投诉”中点“联系客服”留言；对处理结果不满意，可向当地金融监管部门反映。",
    "complaint_channel_en": ("Call 95000 and ask for complaints, or tap Contact us under Me > Questions and complaints. If you are "
                             "not satisfied with the answer, you may take it to your local financial regulator."),
    # Shaped like a registered office in Shanghai, and as plainly made up as the name: never a real company's.
    "address_zh": "上海市浦东新区示例路100号示例大厦18层",
    "address_en": "18/F, Example Tower, 100 Example Road, Pudong New Area, Shanghai (not a real address)",
    "placeholder": True,
}

CATALOG = [
    {
        "code": "accident",
        "category": "accident",
        "sort_order": 10,
        "name_zh": "意外保障",
        "name_en": "Accident cover",
        "summary_zh": "每月5元起：意外受伤致残或身故，都能赔。",
        "summary_en": "From 5 yuan a month: pays out if an accident injures you, disables you or takes your life.",
        "covered_zh": [
            "意外身故：赔付全部保额。",
            "意外伤残：按伤残等级赔付相应比例的保额。",
            "交通事故、摔伤、烫伤、被狗咬伤、运动受伤，都算意外。",
            "保单生效即开始保障，全球有效。",
        ],
        "covered_en": [
            "Death from an accident: we pay the full sum insured.",
            "Disability from an accident: we pay a share of the sum insured by the disability grade.",
            "Traffic, falls, burns, dog bites, sports injuries: all count as accidents.",
            "Cover starts the moment your policy is issued, anywhere in the world.",
        ],
        "not_covered_zh": [
            "生病不算意外，突发疾病也不算。",
            "醉酒、吸毒、无证驾驶时受的伤。",
            "跳伞、10米以上潜水、赛车等高风险运动。",
            "故意自伤，或自己违法犯罪造成的伤害。",
        ],
        "not_covered_en": [
            "Illness, even a sudden one, is not an accident.",
            "Injuries while drunk, on drugs, or driving without a licence.",
            "Extreme sports such as skydiving, diving deeper than 10 metres or motor racing.",
            "Injuries you cause yourself on purpose, or from a crime you commit.",
        ],
        "faq_zh": [
            {"q": "什么时候开始保障？", "a": "付款成功、保单生成后，马上开始保障。"},
            {"q": "可以给别人买吗？", "a": "可以。填写对方的姓名和身份证号即可，被保险人要在18到60周岁之间。"},
            {"q": "买了后悔怎么办？", "a": "购买后15天内可以退保，保费全额退还。"},
            {"q": "怎么理赔？", "a": "打开保单，点「申请理赔」。每一步进度都能随时查看，直到赔款到账。"},
        ],
        "faq_en": [
            {"q": "When does my cover start?", "a": "As soon as you have paid and the policy is issued."},
            {"q": "Can I buy it for someone else?", "a": "Yes. Enter their name and ID number; they must be 18 to 60."},
            {"q": "Can I change my mind?", "a": "Yes. Within 15 days of buying you can cancel and get all your money back."},
            {"q": "How do I claim?", "a": "Open the policy and tap Claim. You can follow every step until you are paid."},
        ],
        "plans": [
            # Accident death pays the full sum insured (covered, above).
            {"code": "accident-basic", "name_zh": "30万元保额", "name_en": "300,000 yuan cover",
             "premium_fen": 5 * YUAN, "coverage_fen": 300_000 * YUAN, "death_benefit_fen": 300_000 * YUAN,
             "period": "month", "term_days": 30, "age_min": 18, "age_max": 60, "auto_renew": True},
            {"code": "accident-plus", "name_zh": "100万元保额", "name_en": "1,000,000 yuan cover",
             "premium_fen": 16 * YUAN, "coverage_fen": 1_000_000 * YUAN, "death_benefit_fen": 1_000_000 * YUAN,
             "period": "month", "term_days": 30, "age_min": 18, "age_max": 60, "auto_renew": True},
        ],
    },
    {
        "code": "hospital",
        "category": "medical",
        "sort_order": 20,
        "name_zh": "住院医疗保障",
        "name_en": "Hospital medical cover",
        "summary_zh": "每年60元：住院花费最高报销50万元，生病、意外都保。",
        "summary_en": "60 yuan a year: pays your hospital bills up to 500,000 yuan, for illness and accidents.",
        "covered_zh": [
            "住院花费：床位、手术、药品、检查，每年最高50万元。",
            "重大疾病的门诊治疗，比如癌症治疗、肾透析。",
            "每年1万元免赔额以上的部分：社保范围内的费用报销100%，社保范围外的报销60%。",
            "意外从保单生效当天就保；生病从生效30天后开始保。",
        ],
        "covered_en": [
            "Hospital stays: the bed, surgery, medicines and tests, up to 500,000 yuan a year.",
            "Outpatient treatment for serious illnesses such as cancer treatment and dialysis.",
            "After a 10,000 yuan deductible a year, we pay 100% of costs covered by social insurance and 60% of the rest.",
            "Accidents are covered from the day the policy is issued; illness from 30 days later.",
        ],
        "not_covered_zh": [
            "生效后30天内（等待期）开始的疾病。",
            "投保前就已经有的疾病。",
            "美容整形、看牙、配眼镜，以及怀孕生育。",
            "特需病房、国际病房超出普通病房标准的费用。",
        ],
        "not_covered_en": [
            "Illness that started in the first 30 days (the waiting period).",
            "Conditions you already had before you bought the cover.",
            "Cosmetic treatment, dental care, glasses, and pregnancy.",
            "Private or international wards beyond the standard rate.",
        ],
        "faq_zh": [
            {"q": "谁可以投保？", "a": "0到60周岁的人都可以投保。"},
            {"q": "等待期是什么？", "a": "保单生效后的30天内，生病不赔；意外照常赔。"},
            {"q": "看病要先自己付钱吗？", "a": "是的。先在医院付费，再凭发票和费用清单申请理赔，我们把钱赔给你。"},
            {"q": "买了后悔怎么办？", "a": "购买后15天内可以退保，保费全额退还。"},
        ],
        "faq_en": [
            {"q": "Who can be covered?", "a": "Anyone from newborn to 60 years old."},
            {"q": "What is the waiting period?", "a": "30 days after issue in which illness is not covered. Accidents are."},
            {"q": "Do I have to pay first?", "a": "Yes, pay the hospital, then claim with the bills and we pay you back."},
            {"q": "Can I change my mind?", "a": "Yes. Within 15 days of buying you can cancel and get all your money back."},
        ],
        "plans": [
            # Medical cover pays bills, never a death benefit.
            {"code": "hospital-basic", "name_zh": "每年50万元保额", "name_en": "500,000 yuan a year",
             "premium_fen": 60 * YUAN, "coverage_fen": 500_000 * YUAN, "death_benefit_fen": 0,
             "period": "year", "term_days": 365, "age_min": 0, "age_max": 60, "waiting_period_days": 30},
        ],
    },
    {
        "code": "travel",
        "category": "travel",
        "sort_order": 30,
        "name_zh": "旅行意外保障",
        "name_en": "Travel accident cover",
        "summary_zh": "每次10元，最长7天：旅途中的意外伤害和意外后的急诊都保。",
        "summary_en": "10 yuan a trip of up to 7 days: accidents on the way, and emergency treatment after one.",
        "covered_zh": [
            "旅途中意外身故或伤残：最高赔20万元。",
            "旅途中发生意外后的急诊治疗。",
            "乘坐飞机、火车、汽车、出租车，入住酒店，都算在旅途内。",
        ],
        "covered_en": [
            "Death or disability from an accident during the trip: up to 200,000 yuan.",
            "Emergency treatment after an accident on the trip.",
            "Flights, trains, buses, taxis and hotels all count as the trip.",
        ],
        "not_covered_zh": [
            "出发前就有的疾病。",
            "超过7天的行程：每7天需要买一份。",
            "高风险运动，以及前往官方发布旅行警示的地区。",
        ],
        "not_covered_en": [
            "Illness you already had before the trip.",
            "Trips longer than 7 days: buy one plan for each week.",
            "Extreme sports and travel to places under an official travel warning.",
        ],
        "faq_zh": [
            {"q": "什么时候开始保障？", "a": "保单生成后马上开始，保障7天。"},
            {"q": "谁可以投保？", "a": "1到70周岁的人都可以投保。"},
        ],
        "faq_en": [
            {"q": "When does it start?", "a": "As soon as the policy is issued, for 7 days."},
            {"q": "Who can be covered?", "a": "Anyone from 1 to 70 years old."},
        ],
        "plans": [
            # "Death or disability from an accident during the trip: up to 200,000 yuan" (covered, above).
            {"code": "travel-7d", "name_zh": "7天行程，20万元保额", "name_en": "7-day trip, 200,000 yuan",
             "premium_fen": 10 * YUAN, "coverage_fen": 200_000 * YUAN, "death_benefit_fen": 200_000 * YUAN,
             "period": "trip", "term_days": 7, "age_min": 1, "age_max": 70},
        ],
    },
    {
        "code": "gift-accident",
        "category": "gift",
        "sort_order": 90,
        "name_zh": "红包意外保障",
        "name_en": "Gift accident cover",
        "summary_zh": "装进红包送给朋友的意外保障：保30天，每1000元保额只要2分钱。",
        "summary_en": "Accident cover you give to friends in a red envelope: 30 days, 2 fen per 1,000 yuan of cover.",
        # Read by the sender choosing it and by whoever holds the cover (a friend who grabbed a share, or a
        # WeRun reward's holder): written about the share, not to either of them.
        "covered_zh": [
            "激活后30天内，意外身故或伤残。",
            "保额就是领到的那一份红包或奖励的金额。",
        ],
        "covered_en": [
            "Death or disability from an accident in the 30 days after the share is activated.",
            "The amount of cover is that of the share grabbed from the envelope, or of the reward.",
        ],
        "not_covered_zh": [
            "疾病，以及醉酒或高风险运动时受的伤。",
            "没有被领取或激活的份额不生效；红包里的，对应保费原路退还给发红包的人。",
        ],
        "not_covered_en": [
            "Illness, and injuries while drunk or from extreme sports.",
            "A share nobody grabbed or activated gives no cover; for an envelope, its premium goes back to the sender.",
        ],
        "faq_zh": [
            {"q": "朋友怎么领取？", "a": "打开你的红包，领取一份，再填写姓名和身份证号激活就行。"},
            {"q": "没人领怎么办？", "a": "24小时后，没领完的份额会过期，对应的保费原路退给你。"},
        ],
        "faq_en": [
            {"q": "How does a friend get it?", "a": "They open your envelope, grab a share, and activate it with their name and ID."},
            {"q": "What if nobody grabs it?", "a": "After 24 hours what is left expires, and you get that part of the premium back."},
        ],
        "plans": [
            # docs/domain.md: 2 fen per 100,000 fen (1,000 yuan) of coverage, 30 days. Accident death pays
            # a share's whole coverage: the death benefit is per coverage unit, like the premium.
            {"code": "gift-accident-30d", "name_zh": "30天意外保障", "name_en": "30 days of accident cover",
             "premium_fen": 2, "coverage_fen": 1_000 * YUAN, "death_benefit_fen": 1_000 * YUAN,
             "period": "month", "term_days": 30, "age_min": 18, "age_max": 60},
        ],
    },
]


def seed_insurer() -> Insurer:
    """The example insurer, added once (an operator's edits are kept)."""
    insurer = db.session.scalars(sa.select(Insurer).where(Insurer.code == EXAMPLE_INSURER["code"])).one_or_none()
    if insurer is None:
        insurer = Insurer(**EXAMPLE_INSURER)
        db.session.add(insurer)
        db.session.flush()
    return insurer


def seed_catalog() -> str:
    """Insert the products and plans that do not exist yet (by code); returns a summary."""
    added_products = added_plans = added_documents = 0
    insurer = seed_insurer()
    for entry in CATALOG:
        fields = {k: v for k, v in entry.items() if k != "plans"}
        product = db.session.scalars(sa.select(Product).where(Product.code == entry["code"])).one_or_none()
        if product is None:
            product = Product(insurer_id=insurer.id, **fields)
            db.session.add(product)
            db.session.flush()
            added_products += 1
        for plan_fields in entry["plans"]:
            exists = db.session.scalar(sa.select(Plan.id).where(Plan.code == plan_fields["code"]))
            if exists is None:
                db.session.add(Plan(product_id=product.id, **plan_fields))
                added_plans += 1
        added_documents += seed_documents(product)
    db.session.flush()
    return f"{added_products} products, {added_plans} plans and {added_documents} documents added"
