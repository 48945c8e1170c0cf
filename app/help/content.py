"""What the help page and the privacy policy say, in Simplified Chinese first and in English.

Long texts a lawyer reads as a whole are kept here side by side, one entry per language (as the
catalog keeps a product's texts in ``_zh``/``_en`` columns), rather than sentence by sentence in
the message catalogs. Every rule they state is the rule the code applies (docs/domain.md): the
15-day cooling-off refund and the claims that bar it, gift cover that cannot be refunded, monthly
auto-renewal only when the buyer signs for it, and how to stop it.
"""

from __future__ import annotations

#: When people answer in the WeChat customer-service chat.
SERVICE_HOURS = {
    "zh-CN": "每天 9:00–21:00（北京时间），节假日照常",
    "en": "9:00 to 21:00 every day, Beijing time, holidays included",
}

#: The FAQ, plainly worded: how to buy, claim, cancel, stop paying, close the account, complain.
FAQ = {
    "zh-CN": [
        {"q": "怎么投保？",
         "a": "在首页选好保障和方案，填写被保险人（或选择已保存的家人），阅读并勾选同意保险条款、投保须知和责任免除，"
              "医疗险还要如实回答健康问题，然后用微信支付付款。付款成功后保单立即生效，在“我的保单”里就能看到。"},
        {"q": "出了事怎么理赔？",
         "a": "在“我的保单”里打开这份保单，点“申请理赔”，选择理赔类型，填写发生时间、经过和金额，再上传发票、病历等照片或"
              "电子发票PDF。每一步的进度都会通知你。材料不全时保险公司会告诉你还要补什么。"},
        {"q": "什么是犹豫期？怎么退保？",
         "a": "自己购买的保单，生效后15天内是犹豫期，可以在保单页点“申请退保”，保费全额原路退回。注意：如果这份保单已经有"
              "理赔在处理中、已通过或已赔付，就不能在犹豫期内全额退保；撤回或被拒绝的理赔不影响退保。红包赠送的保障没有"
              "花钱，所以没有退保退款。"},
        {"q": "会自动续保、自动扣费吗？怎么关闭？",
         "a": "只有你在购买按月保障时签约了“自动续保”才会。签约后每月按签约价格自动扣费续保，扣费前微信会提前通知你；"
              "扣费失败会在微信规定的期限内每天最多重试一次，仍未成功则续保终止。随时可以在保单页点“关闭自动续费”，或在"
              "微信“我 → 服务 → 钱包 → 支付设置 → 自动续费”里关闭；已缴费的保障照常到期。没签约的保障到期就结束，不会"
              "自动扣费。"},
        {"q": "红包里的保障怎么领？",
         "a": "朋友发来的保险红包，打开后点“领取”，再填写被保险人信息激活，就会生成一份你的保单。领取后7天内要激活，"
              "过期就失效了。红包是送给朋友的，发红包的人自己不能领。"},
        {"q": "怎么注销账号？",
         "a": "在“我的”最下面点“注销账号”，看清注销的后果，勾选确认后就能注销，不用打电话。名下还有保障中的保单、处理中的"
              "理赔、没到账的退款、待支付的订单、还能被领取的红包或自动续费时，页面会列出来，处理完再注销。注销后无法恢复："
              "保单、投保和理赔记录由保险公司按法律要求保存，可以拨打保险公司客服电话查询；再次登录会是一个新账号。"
              "无法登录小程序的，可以拨打保险公司客服电话申请注销。"},
        {"q": "对服务不满意，怎么投诉？",
         "a": "先拨打保单上保险公司的客服电话，或在小程序里点“联系客服”。问题没有解决，可以通过保险公司的投诉渠道正式投诉。"
              "对保险公司的处理仍不满意，可以拨打国家金融监督管理总局的消费者投诉维权热线 12378。"},
    ],
    "en": [
        {"q": "How do I buy cover?",
         "a": "Choose a cover and a plan on the home page, fill in the insured person (or pick a family member you "
              "saved), read and tick your agreement to the clauses, the purchase notice and the exclusions, answer the "
              "health questions honestly for medical cover, and pay with WeChat Pay. The policy starts as soon as the "
              "payment succeeds and shows under My policies."},
        {"q": "How do I claim?",
         "a": "Open the policy under My policies and tap Make a claim. Choose the kind of claim, say when and what "
              "happened and how much, and upload photos of invoices and medical records, or PDF e-invoices. We tell "
              "you about every step. If something is missing, the insurer tells you what to send."},
        {"q": "What is the cooling-off period? How do I cancel?",
         "a": "A policy you bought can be cancelled within 15 days of its start: tap Cancel on the policy page and "
              "the premium goes back to you in full. If the policy has a claim in progress, approved or paid, it "
              "cannot be cancelled for a full refund; a withdrawn or rejected claim does not stop you. Gift cover "
              "from a red envelope cost you nothing, so there is nothing to refund."},
        {"q": "Does my cover renew or charge me automatically? How do I stop it?",
         "a": "Only if you signed up for auto-renewal when buying monthly cover. Then each month is charged at the "
              "price you signed, and WeChat tells you before each charge; a failed charge is retried at most once a "
              "day within WeChat's time limit, and renewal ends if it never succeeds. Stop it any time on the "
              "policy page (Stop auto-renewal) or in WeChat: Me → Services → Wallet → Payment settings → "
              "Auto-renewal; cover already paid for runs to its end. Cover you did not sign up for ends with its "
              "term and is never charged automatically."},
        {"q": "How do I get the cover in a red envelope?",
         "a": "Open the envelope a friend sent, tap Grab, then fill in the insured person to activate it: that makes "
              "it your policy. Activate it within 7 days of grabbing, or it lapses. An envelope is a gift for "
              "friends, so its sender cannot grab a share."},
        {"q": "How do I close my account?",
         "a": "At the bottom of Me, tap Close account, read what closing does, tick to confirm and close it: no call "
              "needed. If you still have cover in force, a claim in progress, a refund not yet back, an unpaid "
              "order, a red envelope that can still be grabbed or auto-renewal on, the page lists them: finish them "
              "first. Closing cannot be undone: the insurer keeps the policy, sale and claim records as the law asks "
              "(ask its hotline about them), and logging in again starts a new account. If you can no longer log in "
              "to the mini-program, call the insurer's hotline to close it."},
        {"q": "How do I complain?",
         "a": "First call the insurer's customer-service hotline on your policy, or tap Contact us in the "
              "mini-program. If that does not settle it, complain formally through the insurer's complaint channel. "
              "If you are still not satisfied with the insurer's answer, call the National Financial Regulatory "
              "Administration's consumer complaint hotline, 12378."},
    ],
}

#: How to complain, step by step (the help page's list; the insurers' own channels are listed beside it).
COMPLAINT_STEPS = {
    "zh-CN": [
        "拨打保险公司客服电话（见保单或下方列表），或在小程序里点“联系客服”，说明问题。",
        "问题没有解决，通过保险公司的投诉渠道正式投诉，保险公司应当在规定时间内答复。",
        "对保险公司的处理仍不满意，拨打国家金融监督管理总局消费者投诉维权热线 12378。",
    ],
    "en": [
        "Call the insurer's customer-service hotline (on your policy and listed below), or tap Contact us in "
        "the mini-program, and tell them the problem.",
        "If that does not settle it, complain formally through the insurer's complaint channel; the insurer "
        "must answer within the time the rules set.",
        "If you are still not satisfied, call the National Financial Regulatory Administration's consumer "
        "complaint hotline, 12378.",
    ],
}

#: The privacy policy: a title, when it applies from, and sections of paragraphs and lists.
PRIVACY = {
    "zh-CN": {
        "title": "隐私政策",
        "updated": "版本 2026-12-07，自发布之日起生效。",
        "intro": "我们非常重视你的个人信息。本政策用通俗的话说明：我们收集哪些信息、为什么收集、怎么保存和保护、"
                 "你有哪些权利，以及怎样联系我们。请你仔细阅读，特别是加粗的敏感个人信息部分。",
        "sections": [
            {"h": "一、我们收集哪些信息，为什么",
             "items": [
                 "微信登录信息（openid、昵称、头像）：用于识别你的账号、显示在你发出的红包上。",
                 "投保人和被保险人的姓名、身份证号：投保时必须如实登记，用于核实身份、核对年龄、出具保单和理赔。",
                 "联系方式（如手机号）：用于通知保单和理赔进度。",
                 "支付信息：微信支付的订单号和金额，用于收款、退款和对账。我们看不到你的银行卡信息。",
                 "理赔材料（发票、病历等照片或文件）：只用于审核你的理赔。",
                 "投保时的同意记录：你阅读并同意的条款版本、时间和设备信息，按监管要求用于可回溯。",
             ]},
            {"h": "二、敏感个人信息，单独同意",
             "strong": "身份证号、健康告知的回答、病历等医疗信息，以及不满14周岁未成年人的信息，属于敏感个人信息或需要"
                       "特别保护的信息。我们只在你单独勾选同意《个人信息处理授权》后收集，只用于核保、出具保单和理赔，"
                       "加密保存，界面上只显示打码后的内容。为不满14周岁的孩子投保，需要由父母或其他监护人同意。",
             "items": []},
            {"h": "三、我们和谁共享",
             "items": [
                 "承保的保险公司：出具保单、核保和理赔必需的信息。",
                 "微信支付：完成付款和退款所必需的订单信息。",
                 "法律法规要求或监管机关、司法机关依法要求时。",
                 "除此之外，我们不会出售或向其他任何人提供你的个人信息。",
             ]},
            {"h": "四、保存多久",
             "items": [
                 "保单和投保记录：按《保险法》规定，保存至保险合同终止后至少5年（一年期以上的保险至少10年）。",
                 "理赔材料：与理赔记录一同保存，期限同上。",
                 "账号信息：在你注销账号前保存；注销后，除法律要求保存的记录外，我们会删除或匿名化处理。",
             ]},
            {"h": "五、你的权利",
             "items": [
                 "查阅、复制：在小程序里随时查看你的保单、理赔和保存的被保险人；需要副本可以联系我们。",
                 "更正、补充：信息有误可以修改，或联系客服更正。",
                 "删除：可以删除保存的被保险人；也可以要求删除你的个人信息。",
                 "注销账号：在“我的 → 注销账号”里随时可以注销，不用打电话。名下还有保障中的保单、处理中的理赔、没到账的退款、"
                 "待支付的订单、还能被领取的红包或自动续费时，需要先处理完。注销后，保存的被保险人和微信运动记录会被删除，"
                 "未使用的优惠券和奖励作废，账号信息匿名化处理；法律要求保存的保单、投保和理赔记录由我们按期保存，"
                 "你可以拨打保险公司客服电话查询。注销无法恢复，再次登录会是一个新账号。",
                 "撤回同意：可以撤回对个人信息处理的同意，但撤回后将无法继续投保或理赔，不影响撤回前的处理。",
                 "这些权利来自《个人信息保护法》。我们会及时答复你的请求。",
             ]},
            {"h": "六、怎样保护你的信息",
             "items": [
                 "身份证号、姓名和健康回答加密保存，传输全程使用HTTPS加密。",
                 "只有需要处理你的保单或理赔的工作人员才能查看，所有操作都有记录。",
             ]},
            {"h": "七、联系我们",
             "items": [
                 "在小程序里点“联系客服”，或拨打保单上保险公司的客服电话。",
                 "对我们处理个人信息的方式不满意，也可以向网信、市场监管或金融监管部门投诉。",
             ]},
        ],
    },
    "en": {
        "title": "Privacy policy",
        "updated": "Version 2026-12-07, in force from its publication.",
        "intro": "Your personal information matters to us. This policy says in plain words what we collect, why, how "
                 "we keep and protect it, what your rights are, and how to reach us. Please read it carefully, "
                 "especially the part in bold on sensitive personal information.",
        "sections": [
            {"h": "1. What we collect, and why",
             "items": [
                 "Your WeChat login (openid, nickname, avatar): to know your account and show on envelopes you send.",
                 "The names and ID numbers of the policyholder and the insured: the law requires them for a policy; "
                 "we use them to check identity and age, to issue the policy and to pay claims.",
                 "Contact details (such as a phone number): to tell you about your policies and claims.",
                 "Payment records: WeChat Pay's order number and amount, to take payments, refund and reconcile. We "
                 "never see your bank card.",
                 "Claim documents (photos or files of invoices and medical records): only to assess your claim.",
                 "The record of your agreement: which document versions you read and agreed to, when, and on what "
                 "device, kept so the sale can be traced as the regulator requires.",
             ]},
            {"h": "2. Sensitive personal information needs your separate consent",
             "strong": "ID numbers, your answers to health questions, medical records, and any information on a "
                       "child under 14 are sensitive or specially protected. We collect them only after you "
                       "separately tick your agreement to the personal-information authorization, use them only to "
                       "underwrite, issue policies and pay claims, keep them encrypted, and show them masked. Cover "
                       "for a child under 14 needs a parent's or guardian's consent.",
             "items": []},
            {"h": "3. Whom we share it with",
             "items": [
                 "The insurer that underwrites your cover: what it needs to underwrite, issue the policy and pay "
                 "claims.",
                 "WeChat Pay: what it needs to take a payment or make a refund.",
                 "Authorities, when the law requires it.",
                 "We never sell your personal information or give it to anyone else.",
             ]},
            {"h": "4. How long we keep it",
             "items": [
                 "Policies and the records of their sale: at least 5 years after the contract ends (10 years for "
                 "cover longer than a year), as the Insurance Law requires.",
                 "Claim documents: with the claim's record, for as long.",
                 "Your account: until you close it; then we delete or anonymise it, except the records the law "
                 "makes us keep.",
             ]},
            {"h": "5. Your rights",
             "items": [
                 "See and copy: your policies, claims and saved insured persons are in the mini-program at any "
                 "time; ask us for a copy.",
                 "Correct: change what is wrong, or ask customer service to correct it.",
                 "Delete: delete saved insured persons yourself, or ask us to delete your information.",
                 "Close your account: at any time, in the mini-program (Me → Close account), with no call to make. "
                 "Cover still in force, a claim in progress, a refund not yet back, an unpaid order, a red envelope "
                 "that can still be grabbed or a plan still renewing must be finished first. Closing deletes your "
                 "saved insured persons and WeRun records, voids unused coupons and rewards, and anonymises the "
                 "account; the policy, sale and claim records the law makes us keep stay for their time, and the "
                 "insurer's hotline can answer about them. It cannot be undone: logging in again starts a new "
                 "account.",
                 "Withdraw consent: you may; you can then no longer buy cover or claim, and what was done before "
                 "stays lawful.",
                 "These rights come from the Personal Information Protection Law. We answer your request promptly.",
             ]},
            {"h": "6. How we protect it",
             "items": [
                 "ID numbers, names and health answers are stored encrypted; everything travels over HTTPS.",
                 "Only staff who handle your policy or claim can see it, and every action is logged.",
             ]},
            {"h": "7. Contact us",
             "items": [
                 "Tap Contact us in the mini-program, or call the insurer's hotline on your policy.",
                 "If you are unhappy with how we handle your information, you may also complain to the "
                 "cyberspace, market or financial regulators.",
             ]},
        ],
    },
}
