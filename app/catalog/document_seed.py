"""The launch catalog's documents, version 1.0: clauses (条款), purchase notice (投保须知), the exclusions
(责任免除), the personal-information consent (个人信息处理授权) and, for the hospital plan, the health
declaration (健康告知) with its questions. Written plainly, from the structure of a careful 百万医疗 and
accident product's documents and the rules in docs/domain.md; the underwriter is the seeded fictional one.

``flask seed`` adds a product's document only when the product has no version of it yet."""

from __future__ import annotations

import sqlalchemy as sa

from app.catalog.models import HEALTH_DECLARATION, Product, ProductDocument
from app.core import clock
from app.extensions import db

VERSION = "1.0"
INSURER_ZH, INSURER_EN, HOTLINE = "示例保险股份有限公司", "Example Insurance Co., Ltd.", "95000"

#: What differs between the products' documents; the rest is written once below.
TERMS = {
    "accident": {
        "ages": (18, 60), "period_zh": "一个月。未开通自动续费的，保险期间为30天，到期不自动续保；投保时自行选择开通自动续费的，每期按一个自然月"
                                     "计算，每期保费扣款成功后续保一期，可以随时关闭，关闭后或扣款最终不成功的，保障到当期结束为止",
        "period_en": "one month. Without auto-renewal, cover lasts 30 days and does not renew itself; if the buyer "
                     "chooses auto-renewal when buying, each period is a calendar month and each month's successful "
                     "charge renews the cover for another month. It can be turned off at any time; once it is off, or "
                     "if a charge finally fails, cover ends with the current period",
        "sum_zh": "30万元或100万元，以保险单载明为准", "sum_en": "300,000 or 1,000,000 yuan, as the policy states",
        "start_zh": "保险单生成即开始保障，没有等待期。", "start_en": "Cover starts the moment the policy is issued; there is no"
                                                     " waiting period.",
        "extra_exclusions_zh": ["被保险人醉酒、吸食或注射毒品，或酒后驾驶、无有效驾照驾驶、驾驶无有效行驶证的机动车期间发生的伤害。",
                                "从事潜水（10米以上）、跳伞、攀岩、滑翔、赛车、拳击、摔跤等高风险运动时受到的伤害。",
                                "疾病、妊娠、流产、分娩导致的身故或伤残，包括猝死。"],
        "extra_exclusions_en": ["Injury while the insured is drunk or on drugs, or drives drunk, without a valid"
                                " licence, or a "
                                "vehicle without valid registration.",
                                "Injury from high-risk sports: diving deeper than 10 metres, skydiving, climbing,"
                                " gliding, "
                                "motor racing, boxing, wrestling and the like.",
                                "Death or disability caused by illness, pregnancy, miscarriage or childbirth,"
                                " sudden death included."],
    },
    "hospital": {
        "ages": (0, 60), "period_zh": "一年，到期不自动续保，续保需重新投保", "period_en": "one year; it does not renew itself",
        "sum_zh": "每年50万元", "sum_en": "500,000 yuan a year",
        "start_zh": "意外导致的住院从保险单生成时开始保障；疾病有30天等待期，等待期内发病的不赔。",
        "start_en": "Hospital stays after an accident are covered from issue; illness has a 30-day waiting period, and "
                    "illness that starts within it is not covered.",
        "extra_exclusions_zh": ["投保前已患有的疾病或已有的症状（既往症），以及投保时未如实告知的情况。",
                                "等待期（保单生效后30天）内发生的疾病，以及因该疾病产生的住院费用。",
                                "每年1万元的免赔额：同一保单年度内，1万元以内的费用由您自己承担。",
                                "赔付比例：社保范围内的费用赔付100%，社保范围外的费用只赔付60%；未经社保结算的按60%赔付。",
                                "怀孕、分娩、流产、不孕不育治疗及其并发症；美容整形、牙科、视力矫正、体检、康复理疗。",
                                "特需病房、国际部、VIP病房等超出普通病房标准的费用，以及非必要的住院。",
                                "先天性疾病、遗传性疾病、精神和行为障碍、性病、艾滋病（意外输血感染除外）。"],
        "extra_exclusions_en": ["Conditions or symptoms the insured already had before buying (pre-existing"
                                " conditions), and "
                                "anything not declared truthfully when buying.",
                                "Illness that starts in the waiting period (the first 30 days), and hospital costs"
                                " from it.",
                                "A deductible of 10,000 yuan a year: in one policy year you pay the first 10,000"
                                " yuan yourself.",
                                "Share paid: 100% of costs within social insurance, but only 60% of costs outside"
                                " it; bills "
                                "not settled through social insurance are paid at 60%.",
                                "Pregnancy, childbirth, miscarriage, fertility treatment and their complications;"
                                " cosmetic "
                                "surgery, dental care, sight correction, check-ups and rehabilitation.",
                                "Private, international or VIP wards beyond the standard ward rate, and hospital"
                                " stays that "
                                "were not medically needed.",
                                "Congenital and hereditary conditions, mental and behavioural disorders, sexually"
                                " transmitted "
                                "diseases and AIDS (except from a transfusion after an accident)."],
    },
    "travel": {
        "ages": (1, 70), "period_zh": "每份7天，从保险单生成时起算", "period_en": "7 days for each plan, from the moment the"
                                                                     " policy is issued",
        "sum_zh": "意外身故或伤残最高20万元", "sum_en": "up to 200,000 yuan for death or disability from an accident",
        "start_zh": "保险单生成即开始保障，没有等待期。", "start_en": "Cover starts the moment the policy is issued; there is no"
                                                     " waiting period.",
        "extra_exclusions_zh": ["出发前已患有的疾病，以及疾病导致的身故、伤残或治疗。",
                                "前往官方发布旅行警示（劝阻前往）的国家或地区期间发生的事故。",
                                "从事潜水（10米以上）、跳伞、攀岩、滑雪（非指定雪道）、赛车等高风险运动时受到的伤害。",
                                "醉酒、吸毒、酒后驾驶或无有效驾照驾驶期间发生的伤害。"],
        "extra_exclusions_en": ["Illness the insured had before leaving, and death, disability or treatment caused"
                                " by illness.",
                                "Events in a country or region under an official travel warning advising against"
                                " travel.",
                                "Injury from high-risk sports: diving deeper than 10 metres, skydiving, climbing,"
                                " off-piste "
                                "skiing, motor racing and the like.",
                                "Injury while drunk, on drugs, or driving drunk or without a valid licence."],
    },
    "gift-accident": {
        "ages": (18, 60), "period_zh": "30天，从激活时起算", "period_en": "30 days from the moment it is activated",
        "sum_zh": "领到的那一份红包或奖励的保额", "sum_en": "that of the share grabbed from the envelope, or of the reward",
        "start_zh": "激活并生成保险单后即开始保障，没有等待期。", "start_en": "Cover starts once activated and the policy is issued;"
                                                         " there is no waiting period.",
        "extra_exclusions_zh": ["疾病导致的身故或伤残，包括猝死。",
                                "醉酒、吸毒、酒后驾驶或无有效驾照驾驶期间发生的伤害。",
                                "从事潜水、跳伞、攀岩、赛车等高风险运动时受到的伤害。"],
        "extra_exclusions_en": ["Death or disability caused by illness, sudden death included.",
                                "Injury while drunk, on drugs, or driving drunk or without a valid licence.",
                                "Injury from high-risk sports such as diving, skydiving, climbing and motor racing."],
    },
}

#: Every product's general exclusions (the standard ones in Chinese accident and medical clauses).
GENERAL_EXCLUSIONS_ZH = ["投保人对被保险人的故意杀害或伤害。", "被保险人故意自伤、自杀（但被保险人自杀时为无民事行为能力人的除外），"
                         "或故意犯罪、抗拒依法采取的刑事强制措施。",
                         "战争、军事冲突、暴乱或武装叛乱；核爆炸、核辐射或核污染。"]
GENERAL_EXCLUSIONS_EN = ["The policyholder killing or injuring the insured on purpose.",
                         "The insured harming themselves on purpose or suicide (unless they had no legal capacity), a "
                         "crime they commit on purpose, or resisting lawful arrest.",
                         "War, military conflict, riot or armed rebellion; nuclear explosion, radiation or"
                         " contamination."]

#: What a careful 百万医疗 product asks (docs/domain.md, Health declaration): any "yes" ends the online sale.
HOSPITAL_QUESTIONS = [
    {"code": "hospitalised_2y",
     "text_zh": "过去2年内，是否曾住院治疗，或被医生建议住院或手术？（单纯分娩、已痊愈的急性阑尾炎或急性胃肠炎除外）",
     "text_en": "In the past 2 years, have you been in hospital, or has a doctor advised a hospital stay or surgery? "
                "(Uncomplicated childbirth, or acute appendicitis or gastroenteritis that has healed, do not count.)"},
    {"code": "serious_illness",
     "text_zh": "是否患有或曾患有以下疾病：恶性肿瘤（癌症）、白血病、心脏病（冠心病、心肌梗死、心功能不全等）、脑卒中（脑梗死、"
                "脑出血）、肝硬化、慢性肾病或肾功能不全、糖尿病伴并发症、慢性阻塞性肺病、系统性红斑狼疮、精神疾病？",
     "text_en": "Do you have, or have you had, any of these: cancer, leukaemia, heart disease (coronary disease, heart "
                "attack, heart failure and the like), stroke, liver cirrhosis, chronic kidney disease or kidney"
                " failure, "
                "diabetes with complications, chronic obstructive lung disease, lupus, or a mental illness?"},
    {"code": "abnormal_checkup",
     "text_zh": "过去1年内，体检或检查是否有异常结果，医生建议复查、进一步检查或定期随访？（如肿块、结节、息肉、肿瘤标志物升高、"
                "血压或血糖明显异常）",
     "text_en": "In the past year, did a check-up or test show an abnormal result that a doctor asked you to recheck, "
                "investigate further or follow up? (Such as a lump, nodule, polyp, raised tumour marker, or clearly "
                "abnormal blood pressure or blood sugar.)"},
    {"code": "symptoms_1y",
     "text_zh": "过去1年内，是否有以下症状且尚未查明原因：反复发热、3个月内体重下降5公斤以上、咯血、便血、尿血、持续疼痛？",
     "text_en": "In the past year, have you had any of these without a known cause: repeated fever, losing more"
                " than 5 kg "
                "in 3 months, coughing up blood, blood in stool or urine, lasting pain?"},
    {"code": "ongoing_treatment",
     "text_zh": "目前是否正在接受治疗，或因疾病需要长期（连续1个月以上）服药？",
     "text_en": "Are you being treated now, or do you take medicine for an illness long term (more than a month in"
                " a row)?"},
    {"code": "pregnant", "text_zh": "目前是否怀孕？", "text_en": "Are you pregnant?"},
    {"code": "disability",
     "text_zh": "是否有身体残疾或功能障碍（如视力、听力、语言、肢体、智力残疾）？",
     "text_en": "Do you have a disability or loss of function (sight, hearing, speech, limbs or intellect)?"},
    {"code": "declined_2y",
     "text_zh": "过去2年内，投保健康保险或人寿保险时，是否曾被拒保、延期、加费或除外承保？",
     "text_en": "In the past 2 years, has an insurer declined, postponed, rated up or limited your health or life"
                " cover?"},
    {"code": "infant_conditions",
     "text_zh": "如被保险人未满2周岁：是否早产（不足37周）、出生体重低于2.5公斤，或患有先天性疾病？",
     "text_en": "If the insured is under 2: were they born premature (under 37 weeks) or under 2.5 kg, or do they have "
                "a congenital condition?"},
]


def _ul(items: list[str], strong: bool = False) -> str:
    return "<ul>" + "".join(f"<li><strong>{item}</strong></li>" if strong else f"<li>{item}</li>"
                            for item in items) + "</ul>"


def _clauses(product: Product, terms: dict, medical: bool) -> tuple[str, str]:
    youngest, oldest = terms["ages"]
    zh = (
        f"<h2>第一条 合同构成</h2><p>本合同由本条款、投保信息、保险单、{'健康告知、' if medical else ''}以及双方的其他书面约定构成。"
        f"保险人为{INSURER_ZH}（下称“我们”）。电子保险单与纸质保险单具有同等效力。</p>"
        f"<h2>第二条 被保险人</h2><p>投保时{youngest}周岁至{oldest}周岁、身体健康、能正常工作或生活的人，可作为被保险人。</p>"
        f"<h2>第三条 保险责任</h2><p>在保险期间内，我们按以下约定承担保险责任：</p>{_ul(product.covered_zh)}"
        f"<h2>第四条 责任免除</h2><p><strong>以下情形我们不承担保险责任，详见《责任免除》，请您务必仔细阅读：</strong></p>"
        f"{_ul(product.not_covered_zh, strong=True)}"
        f"<h2>第五条 保险期间与生效</h2><p>保险期间为{terms['period_zh']}。{terms['start_zh']}</p>"
        f"<h2>第六条 保险金额</h2><p>保险金额为{terms['sum_zh']}。</p>"
        f"<h2>第七条 保险金申请</h2><p>发生保险事故后，请尽快在小程序中申请理赔，或拨打客服热线{HOTLINE}。"
        "我们收到齐全的材料后，对属于保险责任的，在与您达成协议后10日内赔付。</p>"
        "<h2>第八条 退保</h2><p>购买后15天内（犹豫期）可以退保，保费全额退还；<strong>保单已有理赔申请（处理中、已同意或已赔付）的，"
        "不能在犹豫期内全额退保。</strong>红包和奖励赠送的保障没有保费，不涉及退款。</p>"
        + ("<h2>第九条 如实告知</h2><p><strong>投保时，请如实回答健康告知的问题。故意或者因重大过失未如实告知，足以影响我们"
           "决定是否承保或者提高保险费率的，我们有权解除合同：故意未如实告知的，合同解除前发生的保险事故不赔，保费不退；因重大过失"
           "未如实告知的，对保险事故的发生有严重影响的，合同解除前发生的该保险事故不赔，但退还保费（《保险法》第十六条）。"
           "</strong></p>" if medical else "")
        + "<h2>争议处理</h2><p>因本合同发生的争议，由双方协商解决；协商不成的，依法向人民法院起诉。</p>"
    )
    en = (
        f"<h2>1. The contract</h2><p>This contract is these clauses, the application, the policy"
        f"{', the health declaration' if medical else ''} and anything else both sides agree in writing. The "
        f"insurer is {INSURER_EN} (“we”). An electronic policy has the same effect as a paper one.</p>"
        f"<h2>2. Who can be insured</h2><p>A person aged {youngest} to {oldest} when the cover is bought, in good "
        "health and able to work or live normally.</p>"
        f"<h2>3. What we pay for</h2><p>During the period of cover we pay as follows:</p>{_ul(product.covered_en)}"
        "<h2>4. What we do not pay for</h2><p><strong>We pay nothing in these cases; the document “What is not "
        f"covered” lists them all. Please read it carefully:</strong></p>{_ul(product.not_covered_en, strong=True)}"
        f"<h2>5. Period of cover</h2><p>The period of cover is {terms['period_en']}. {terms['start_en']}</p>"
        f"<h2>6. Sum insured</h2><p>The sum insured is {terms['sum_en']}.</p>"
        f"<h2>7. Claiming</h2><p>After an event, claim in the mini-program as soon as you can, or call {HOTLINE}. "
        "Once we have every document, we pay what the cover owes within 10 days of agreeing it with you.</p>"
        "<h2>8. Cancelling</h2><p>Within 15 days of buying (the cooling-off period) you can cancel and get the whole "
        "premium back. <strong>A policy with a claim that is open, approved or paid cannot be cancelled for a full "
        "refund.</strong> Gift cover from an envelope or a reward cost nothing, so there is nothing to refund.</p>"
        + ("<h2>9. Telling the truth</h2><p><strong>Answer the health questions truthfully. If an answer is untrue on "
           "purpose or through gross negligence, and it would have changed whether we took the risk or at what price, "
           "we may end the contract. Untrue on purpose: we pay nothing for events before then, and keep the premium. "
           "Through gross negligence: we pay nothing for an event before then that the untrue answer seriously "
           "affected, and refund the premium (Insurance Law Art. 16).</strong></p>" if medical else "")
        + "<h2>Disputes</h2><p>Both sides first try to agree; failing that, either may go to a people's court.</p>"
    )
    return zh, en


def _exclusions(product: Product, terms: dict) -> tuple[str, str]:
    zh = ("<p><strong>以下情形，我们不承担保险责任，或只承担部分责任。请您逐条阅读；这些内容与您的权益密切相关。</strong></p>"
          f"<h2>本产品特别约定</h2>{_ul(terms['extra_exclusions_zh'], strong=True)}"
          f"<h2>一般责任免除</h2>{_ul(GENERAL_EXCLUSIONS_ZH, strong=True)}"
          "<p>如对以上内容有疑问，请在付款前拨打客服热线" + HOTLINE + "咨询。</p>")
    en = ("<p><strong>In these cases we pay nothing, or only part. Please read each one: they matter for what you "
          "get.</strong></p>"
          f"<h2>For this product</h2>{_ul(terms['extra_exclusions_en'], strong=True)}"
          f"<h2>For every product</h2>{_ul(GENERAL_EXCLUSIONS_EN, strong=True)}"
          f"<p>If anything here is unclear, call {HOTLINE} before you pay.</p>")
    return zh, en


def _purchase_notice(terms: dict, medical: bool, gift: bool) -> tuple[str, str]:
    youngest, oldest = terms["ages"]
    zh = (f"<h2>保险公司</h2><p>本产品由{INSURER_ZH}承保，客服热线{HOTLINE}。本平台为其提供投保服务。</p>"
          f"<h2>谁可以投保</h2><p>被保险人须为{youngest}至{oldest}周岁。"
          "可以为本人、配偶、子女、父母投保；为他人投保须如实填写其姓名和身份证号。</p>"
          f"<h2>保障期间</h2><p>{terms['period_zh']}。{terms['start_zh']}</p>"
          + ("<h2>健康告知</h2><p><strong>投保前须如实回答健康问题；任何一项回答“是”，本产品无法在线投保。</strong></p>"
             if medical else "")
          + ("<h2>犹豫期与退保</h2><p>这份保障由朋友或活动赠送，您无需付费。</p>" if gift else
             "<h2>犹豫期与退保</h2><p>购买后15天内可退保，保费全额退还；<strong>已有理赔申请的保单除外。</strong></p>")
          + "<h2>理赔</h2><p>在小程序“我的保单”中申请理赔，按提示上传材料，随时查看进度。</p>"
          "<h2>保单查询与投诉</h2><p>电子保单可在“我的保单”中查看和下载，并可在线验真。"
          f"如有意见，请拨打{HOTLINE}，或在小程序“我的—常见问题与投诉”中点“联系客服”留言。</p>")
    en = (f"<h2>The insurer</h2><p>{INSURER_EN} underwrites this product; its hotline is {HOTLINE}. This platform "
          "sells it on the insurer's behalf.</p>"
          f"<h2>Who can be insured</h2><p>People aged {youngest} to {oldest}. You can insure yourself, your spouse, "
          "children and parents; for someone else, enter their own name and ID number truthfully.</p>"
          f"<h2>Period of cover</h2><p>{terms['period_en']}. {terms['start_en']}</p>"
          + ("<h2>Health declaration</h2><p><strong>Before buying you answer health questions truthfully; any “yes” "
             "means this plan cannot be bought online.</strong></p>" if medical else "")
          + ("<h2>Cooling-off</h2><p>This cover is a gift from a friend or a campaign: you pay nothing.</p>"
             if gift else
             "<h2>Cooling-off</h2><p>Within 15 days of buying you can cancel for a full refund, <strong>unless the "
             "policy has a claim.</strong></p>")
          + "<h2>Claims</h2><p>Claim under My policies in the mini-program, upload what it asks for, and follow"
            " every step.</p>"
          "<h2>Your policy and complaints</h2><p>See and download your e-policy under My policies, and check it"
          " online. "
          f"To complain, call {HOTLINE} or tap Contact us under Me > Questions and complaints.</p>")
    return zh, en


def _privacy_consent(medical: bool) -> tuple[str, str]:
    zh = ("<p>为给您提供保险服务，我们和承保的保险公司需要处理以下个人信息。<strong>其中身份证号码"
          + ("和健康信息" if medical else "") + "属于敏感个人信息，需要您单独同意。</strong></p>"
          "<h2>处理哪些信息、用来做什么</h2><ul>"
          "<li>投保人的微信身份：用于登录、付款和通知您保单进度。</li>"
          "<li>被保险人的姓名和身份证号码：用于实名投保、核对年龄和承保、理赔时确认身份。</li>"
          + ("<li>健康告知的回答：仅用于判断能否承保，以及理赔时核对。</li>" if medical else "")
          + "<li>理赔时您上传的材料：仅用于审核理赔。</li></ul>"
          f"<h2>谁会看到</h2><p>我们和承保的{INSURER_ZH}。除法律规定外，不会提供给其他任何人。</p>"
          "<h2>如何保护</h2><p>身份证号码和健康信息加密保存，页面上只显示遮挡后的内容。</p>"
          "<h2>保存多久</h2><p>按监管要求，投保记录在保险合同结束后至少保存5年，之后删除或匿名化。</p>"
          "<h2>您的权利</h2><p>您可以查阅、复制、更正您的个人信息，也可以撤回同意；撤回后将无法继续投保，但不影响撤回前已进行的处理。"
          f"联系方式：客服热线{HOTLINE}。</p>"
          "<p><strong>被保险人未满14周岁的，由其父母或其他监护人作出同意。</strong></p>")
    en = ("<p>To insure you, we and the insurer need the personal information below. <strong>ID numbers"
          + (" and health information" if medical else "") + " are sensitive personal information, and we ask "
          "your separate consent for them.</strong></p>"
          "<h2>What we use, and why</h2><ul>"
          "<li>The policyholder's WeChat identity: to log in, pay, and tell you how your policy is doing.</li>"
          "<li>The insured's name and ID number: to insure a real, named person, check their age, and confirm who "
          "claims.</li>"
          + ("<li>Your answers to the health questions: only to decide whether we can insure you, and to check a "
             "claim.</li>" if medical else "")
          + "<li>What you upload for a claim: only to assess the claim.</li></ul>"
          f"<h2>Who sees it</h2><p>We and the insurer, {INSURER_EN}. Nobody else, unless the law requires it.</p>"
          "<h2>How it is protected</h2><p>ID numbers and health information are stored encrypted, and pages show "
          "them masked.</p>"
          "<h2>How long we keep it</h2><p>As regulation requires, the record of your purchase is kept at least 5 "
          "years after the contract ends, then deleted or anonymised.</p>"
          "<h2>Your rights</h2><p>You may see, copy and correct your information, and withdraw consent; after that "
          f"you cannot buy cover, but what was done before stays lawful. Call {HOTLINE}.</p>"
          "<p><strong>For an insured person under 14, a parent or guardian gives this consent.</strong></p>")
    return zh, en


def _health_declaration() -> tuple[str, str]:
    zh = ("<p>请被保险人（或其监护人）如实回答下面的问题。<strong>任何一项回答“是”，本产品都无法在线投保。</strong></p>"
          "<p><strong>未如实告知的后果（《保险法》第十六条）：故意或者因重大过失未如实告知，足以影响保险公司决定是否承保或者"
          "提高保险费率的，保险公司有权解除合同。故意未如实告知的，对合同解除前发生的保险事故不承担赔偿责任，并不退还保险费；"
          "因重大过失未如实告知、对保险事故的发生有严重影响的，对合同解除前发生的保险事故不承担赔偿责任，但应当退还保险费。"
          "</strong></p><p>我们只询问下列问题，未询问的不需要告知。</p>")
    en = ("<p>The insured (or their guardian) answers the questions below truthfully. <strong>Any “yes” means this "
          "plan cannot be bought online.</strong></p>"
          "<p><strong>If an answer is untrue (Insurance Law Art. 16): when it is untrue on purpose or through gross "
          "negligence, and it would have changed whether the insurer took the risk or at what price, the insurer may "
          "end the contract. Untrue on purpose: it pays nothing for events before then and keeps the premium. Through "
          "gross negligence: it pays nothing for an event before then that the untrue answer seriously affected, and "
          "refunds the premium.</strong></p>"
          "<p>We ask only these questions; you need not tell us anything we do not ask.</p>")
    return zh, en


TITLES = {
    "clauses": ("《{name}》保险条款", "{name}: policy clauses"),
    "purchase_notice": ("投保须知", "Before you buy"),
    "exclusions": ("责任免除（重要，请仔细阅读）", "What is not covered (exclusions)"),
    "privacy_consent": ("个人信息处理授权（含敏感个人信息单独同意）", "Consent to use your personal information"),
    "health_declaration": ("健康告知", "Health declaration"),
}


def documents_for(product: Product) -> dict[str, dict]:
    """Version 1.0 of each of the product's documents: ``{code: fields}``."""
    terms = TERMS.get(product.code)
    if terms is None:
        return {}
    medical, gift = product.category == "medical", product.category == "gift"
    bodies = {
        "clauses": _clauses(product, terms, medical),
        "purchase_notice": _purchase_notice(terms, medical, gift),
        "exclusions": _exclusions(product, terms),
        "privacy_consent": _privacy_consent(medical),
    }
    if medical:
        bodies[HEALTH_DECLARATION] = _health_declaration()
    documents = {}
    for code, (body_zh, body_en) in bodies.items():
        title_zh, title_en = TITLES[code]
        documents[code] = {
            "title_zh": title_zh.format(name=product.name_zh), "title_en": title_en.format(name=product.name_en),
            "body_zh": body_zh, "body_en": body_en,
            "questions": HOSPITAL_QUESTIONS if code == HEALTH_DECLARATION else [],
        }
    return documents


def seed_documents(product: Product) -> int:
    """Add version 1.0 of each of the product's documents it has no version of; returns how many."""
    have = set(db.session.scalars(sa.select(ProductDocument.code).where(ProductDocument.product_id == product.id)))
    added = 0
    for code, fields in documents_for(product).items():
        if code not in have:
            db.session.add(ProductDocument(product_id=product.id, code=code, version=VERSION, required=True,
                                           published_at=clock.now(), published_by="seed", **fields))
            added += 1
    if added:
        db.session.flush()
        db.session.expire(product, ["documents"])
    return added
