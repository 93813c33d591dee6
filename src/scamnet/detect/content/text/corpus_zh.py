"""Project-written Chinese messages, scam and legitimate, for training the shipped message model.

Every template here was written for scamnet (no third-party text), so a model trained on it can
ship under the project's licence. Scam templates follow the scripts police anti-fraud notices
describe; legitimate ones include the hard cases: anti-fraud warnings that name the very
phrases scammers use, bank and carrier notices with links and numbers, debit alerts and recharge
receipts. Marketing (label ``spam``) is its own kind: insurance and loan agents' adverts, shop and
carrier promotions with links and opt-out codes — unwanted, but not fraud: no safe account, no
advance fee, no "verify or be frozen", the official app or the sender's own number.

>>> texts, labels = chinese_corpus(seed=1, per_template=2)
>>> len(texts) == len(labels) and {"ham", "spam", "government_impersonation", "task_rebate"} <= set(labels)
True
"""

from __future__ import annotations

import numpy as np

from scamnet.core.enums import ScamType

_S = ScamType
#: keys ending so hold the spoken form of a type (a phone call or chat script); the label is the type itself
_SPOKEN = "_spoken"
SCAM_TEMPLATES: dict[str, tuple[str, ...]] = {
    _S.GOVERNMENT_IMPERSONATION: (
        "您好，这里是{city}公安局刑侦大队，您的身份证涉嫌一起洗钱案件，请立即将资金转入安全账户配合调查，不要告诉任何人。",
        "【{city}市公安局】您名下银行卡涉嫌违法犯罪已被冻结，请于今日内致电{phone}处理，否则将发布通缉令。",
        "{city}人民检察院通知：您涉及一起非法集资案，需进行资金清查，请下载{app}会议软件与办案民警视频。",
        "社保局通知：您的社保卡异常即将停用，请马上点击{url}进行身份验证。",
        "我是{city}派出所王警官，你的快递里查出违禁品，需要你配合调查，把钱转到监管账户，此事保密。",
        "【医保局】您的医保账户存在违规消费，将被冻结，详情请拨打{phone}。",
    ),
    _S.CUSTOMER_SERVICE_REFUND: (
        "亲，您在{shop}购买的商品因质量问题需要召回，我们将为您办理双倍赔偿退款，请加{wx}：{handle}。",
        "您好，我是{shop}客服，您的快递丢失了，可以为您理赔{amount}元，请点击{url}填写信息。",
        "【{shop}】您开通的会员即将自动扣费每月{amount}元，如需关闭会员请致电客服{phone}。",
        "您的学生账号开通了百万保障，不取消将每月扣费，请联系客服{phone}注销。",
        "尊敬的客户，您的订单出现异常，需要退款，请提供银行卡号和验证码，客服会为您处理。",
    ),
    _S.TASK_REBATE: (
        "在家兼职，动动手指日赚{amount}元，给视频点赞即可返佣，加{wx}：{handle}了解详情。",
        "招聘刷单员，垫付后立即返利，佣金日结，名额有限，下载{app}注册。",
        "宝妈学生兼职，每天做任务1小时，收入{amount}+，联系{qq}：{digits}。",
        "好评返现活动：购买后给五星好评，返还本金加佣金{amount}元，扫码进群。",
        "招手机兼职，关注抖音账号截图返佣金，一单{small}元，加{wx}{handle}。",
    ),
    _S.FAKE_INVESTMENT: (
        "老师带单，内幕消息，稳赚不赔，日收益{pct}%，加入投资群：{url}",
        "数字货币理财平台，保本高回报，月收益率{pct}%，注册送{amount}usdt，{url}",
        "牛股推荐，明天必涨停，跟着导师操作翻倍，进群请加{wx}：{handle}。",
        "原始股认购最后一天，年化回报{pct}%，名额有限，立即联系{phone}。",
    ),
    _S.PIG_BUTCHERING: (
        "哥哥，我舅舅在平台内部工作，知道漏洞，今晚一起投一点，{url}稳赚的，别告诉别人哦。",
        "亲爱的，我最近在做黄金投资，收益很好，带你一起，下载{app}注册一下。",
    ),
    _S.FAKE_LOAN: (
        "无抵押贷款，最高{amount}万，秒批秒到账，不看征信，点击{url}申请。",
        "您有一笔{amount}元低息贷款额度待领取，今日内有效，回复1或访问{url}。",
        "信用卡代办，额度{amount}万起，包下卡，联系{phone}。",
        "您的贷款账户异常，放款被冻结，需缴纳解冻费{small}元，请转账至指定账户。",
        "黑户白户都可下款，不看征信不查负债，{amount}元当天到账，先交{small}0元工本费和保证金，下载{app}申请。",
        "您好，您的贷款已批{amount}元，因银行流水不足，需先转{small}00元到指定账户验证还款能力，验证后连本金一起退还。",
    ),
    _S.BOSS_IMPERSONATION: (
        "我是你领导，这是我新号，明天上午来我办公室一趟。",
        "小{surname}，我是你们{title}，现在在开会不方便接电话，有笔款急用，先帮我转{amount}元到这个账户。",
        "我是{title}，有个合作方需要付定金，你先用公司账户打款{amount}元，回头我签字，此事保密。",
        "我换号了，加我{wx}：{handle}，有事找你。",
    ),
    _S.ACQUAINTANCE_IMPERSONATION: (
        "妈，我手机掉水里了，这是我新号，急用钱，先转{amount}给我同学的卡，别打电话我在上课。",
        "猜猜我是谁？我是你老同学，最近遇到点麻烦，能借我{amount}元吗，下周就还。",
    ),
    _S.PRIZE_LOTTERY: (
        "恭喜您被抽中为幸运用户，获得{prize}一台，请点击{url}领取奖品，需先支付手续费{small}元。",
        "【{shop}】恭喜您中奖{amount}元现金红包，限时领取：{url}",
    ),
    _S.PHISHING: (
        "【{bank}】您的账户存在异常登录风险，已被限制，请立即登录{url}进行实名认证，逾期将冻结。",
        "【ETC】您的ETC卡已失效，请尽快点击{url}重新认证，以免影响通行。",
        "【{bank}】您的积分即将清零，可兑换{amount}元现金，请登录{url}兑换。",
        "【{carrier}】您的话费积分可兑换现金，今日过期，马上点击{url}。",
    ),
    # as told on the phone or in a chat: a worker of some office, a pretext, then an app, a call or a transfer
    _S.GOVERNMENT_IMPERSONATION + "_spoken": (
        "您好，我是{city}{agency}的工作人员，您的{record}存在异常，涉及一起案件，请添加我们的{qq}号配合核实，并下载{app}进行视频。",
        "你好，这里是{agency}，我们发现您与一起{case}有关，为了配合调查，请不要挂断电话，稍后转接{city}公安局民警为您处理。",
        "您好，我是{agency}的{surname}警官，您的银行卡被人用于{case}，需要对您的资金进行核查，请把钱转到我们给您的账户。",
    ),
    _S.CUSTOMER_SERVICE_REFUND + "_spoken": (
        "您好，我是{shop}的工作人员，我们发现您无意间开通了{service}，如不关闭每月将扣费{amount}元，请按我的指引在{app}里操作。",
        "你好，我是{shop}客服，您的账户被误设为代理商，需要注销，否则会影响征信，请先把借款额度提出来转到验证账户。",
    ),
    _S.FAKE_LOAN + "_spoken": (
        "您好，我是{loanfirm}的信贷经理，您申请的{amount}元贷款已审批，但银行卡号填错被冻结，需先交{small}00元解冻金。",
        "你好，您的征信有逾期记录，我们可以帮您修复，先把备用金转到指定账户刷流水，审核通过后全额退还。",
    ),
    _S.GAMBLING: (
        "{site}娱乐城，首存送{pct}%彩金，百家乐真人荷官在线，网址{url}",
        "六合彩内部资料，期期中，加{qq}{digits}，稳赚不赔。",
    ),
}

HAM_TEMPLATES: tuple[str, ...] = (
    "【{bank}】您尾号{tail}的卡于{mm}月{dd}日支出{amount}元，余额{balance}元。",
    "【{bank}】验证码{code}，您正在进行转账操作，请勿泄露给任何人，工作人员不会索取。",
    "【国家反诈中心】提醒您：公检法机关不会通过电话办案，更没有安全账户，凡是要求转账的都是诈骗。",
    "【{city}公安】温馨提示：刷单返利都是诈骗，网络兼职要求先垫付的一律是骗局，请勿轻信。",
    "【{bank}】风险提示：不要向陌生人透露验证码，不要点击陌生链接，谨防冒充客服退款诈骗。",
    "【{carrier}】尊敬的客户，您本月套餐流量已使用80%，可登录手机营业厅查询，回复TD退订。",
    "【{carrier}】您的话费余额不足{small}元，请及时充值，以免影响使用。",
    "【{shop}】您的订单已发货，预计{mm}月{dd}日送达，物流详情请在APP内查看。",
    "【顺丰速运】您的快件已到{place}，取件码{code}，请及时领取。",
    "【{city}社保】您的养老金{amount}元已于{mm}月{dd}日发放到账。",
    "【12306】订单E{code}，您已购{mm}月{dd}日G{small}次列车，请按时乘车。",
    "{name}，明天上午开会记得带上材料，会议室在三楼。",
    "妈，我周末回家吃饭，帮我留点饺子。",
    "晚上一起吃饭吗？{place}那家火锅店。",
    "我已经把钱转给你了，收到回个消息。",
    "老板说下午的会改到三点，大家准时参加。",
    "你的快递我帮你拿了，放在{place}。",
    "孩子明天学校开家长会，你能去吗？",
    "好的，收到，谢谢！",
    "这个周末去爬山怎么样，天气不错。",
    "领导让我把报表发给你，请查收邮件。",
    "【{city}税务】个人所得税年度汇算开始，请通过官方个人所得税APP办理，谨防虚假链接。",
    "【{shop}】您的退款{amount}元已原路退回，预计1-3个工作日到账，无需提供银行卡信息。",
    "【{bank}】您申请的信用卡已寄出，请注意查收，激活请前往官方APP。",
    "恭喜你考上研究生！周末请你吃饭庆祝一下。",
    "{name}，你上次借我的书看完了吗，有空还我。",
    "我在路上了，大概二十分钟到，你先点菜。",
    "【{bank}】您账户{tail}于{mm}月{dd}日{hh}:{mi}快捷支付扣款{amount}元（{merchant}），余额{balance}元。",
    "【{bank}】您尾号{tail}信用卡{mm}月{dd}日消费人民币{amount}元，本期账单{balance}元，到期还款日{mm}月{dd}日。",
    "【{bank}】您尾号{tail}账户{mm}月{dd}日代扣{utility}费{small}.{cents}元，余额{balance}元。如有疑问请致电{bank_line}。",
    "【{carrier}】充值成功！您于{mm}月{dd}日为{masked}充值{amount}元，当前余额{balance}元，感谢您的支持。",
    "【{carrier}】您已成功办理{plan}，{mm}月{dd}日起生效，月费{small}元，详询{carrier_line}。",
    "【{carrier}】尊敬的客户，您{mm}月账单已出，消费{small}.{cents}元，可通过官方APP查询明细。",
    "【{carrier}】您的宽带将于{mm}月{dd}日到期，续费请前往营业厅或官方APP办理。",
    "【{payapp}】您向{shopname}付款{small}.{cents}元，交易单号{code}{tail}。",
    "【{shop}】您的{utility}缴费{amount}元已到账，户号{tail}，电子发票可在APP下载。",
    "【{city}燃气】您家燃气表余量不足，请及时充值，官方缴费渠道：{payapp}生活缴费。",
    "【{insurer}】您的保单{code}已续保成功，保费{amount}元已从尾号{tail}账户扣除。",
    "【{insurer}】您于{mm}月{dd}日提交的理赔申请已审核通过，赔款{amount}元将转入您本人尾号{tail}的账户。",
    "【{bank}】您的个人消费贷款本期应还{amount}元，将于{mm}月{dd}日自动扣款，请保持余额充足。",
    "【{bank}】您的手机银行于{mm}月{dd}日{hh}:{mi}在新设备登录，如非本人操作，请立即致电{bank_line}或到网点处理。",
    "【{payapp}】您的账号在新设备上登录，如非本人操作，请在APP内修改密码，本消息无需回复。",
    "【{shop}】验证码{code}，用于登录，5分钟内有效。如非本人操作请忽略，切勿告知他人。",
    "【{city}人民医院】您已成功预约{mm}月{dd}日{hh}:{mi}{dept}门诊，请携带身份证提前30分钟取号。",
    "【{city}人民医院】温馨提示：您预约的{dept}明天上午就诊，如需取消请通过官方公众号操作。",
    "【{shop}】您的订单已由{express}配送，运单号{code}{tail}，物流详情可在{shop}APP查询。",
    "【{express}】您的快件今天{hh}点前派送，快递员{surname}师傅，电话{phone}，如不在家可放快递柜。",
    "【{carrier}】您本月已使用流量{small}GB，套餐内剩余{small}GB，查询请发送CXLL到{carrier_line}。",
    "【{bank}】您尾号{tail}账户{mm}月{dd}日收到{payapp}转入{amount}元，余额{balance}元。",
    "【{shop}】您申请的售后已完成，退款{amount}元将退回原支付账户，请留意查收。",
)

#: Marketing that real phones get: unwanted, often with a link and an opt-out code, but not fraud.
SPAM_TEMPLATES: tuple[str, ...] = (
    "【{shop}】会员日满{amount}减{small}，戳{url}回T退订",
    "【{shop}】{festival}狂欢，全场{discount}折起，满{amount}减{small}，戳{shoplink}，回T退订",
    "【{shop}】亲爱的会员，您有{small}元优惠券即将到期，{mm}月{dd}日前下单可用，退订回N",
    "【{brand}】新品上市，{product}到店体验送礼品，地址：{place}，拒收请回复R",
    "【{brand}】{festival}特惠：{product}第二件半价，仅限本周末，详询门店。退订回TD",
    "【{carrier}】{plan}限时办理，每月仅需{small}元，流量畅享，回复KT办理，回复TD退订。",
    "【{carrier}】尊敬的客户，现推出宽带融合套餐，升级千兆仅加{small}元/月，详询{carrier_line}。",
    "您好，我是{insurer}的{agent_name}，我们新推出一款百万医疗险，每年仅需几百元，如有需要可回电咨询，打扰了。",
    "【{insurer}】{festival}关爱：少儿重疾险限时投保送体检卡，咨询您的专属顾问{agent_name}，退订回T",
    "{agent_name}（{insurer}顾问）：车险快到期了吧？今年续保有优惠，需要报价请回复车牌号。",
    "【{bank}】闪电贷限时优惠，年化利率低至{rate}%起，登录{bank}官方APP申请，拒收请回复R",
    "【{bank}】您已获得信用卡分期优惠资格，账单分期手续费{rate}折，详情请登录官方APP查看，退订回TD",
    "您好，{loanfirm}{agent_name}，房产抵押贷款、企业经营贷，利率低至{rate}%，有需要随时联系我。",
    "【{estate}】{place}旁现房在售，首付{small}万起，周末看房送{gift}，退订回T",
    "【{edu}】暑期班火热报名中，{subject}小班教学，前{small}名报名立减{amount}元，退订回TD",
    "【{brand}】您的积分可在门店兑换{gift}，活动截止{mm}月{dd}日，退订回N",
    "【{shop}】{product}直降{amount}元，限量{small}件，手慢无！{shoplink} 回TD退订",
    "尊敬的用户，感谢您一直以来对{carrier}的支持与信任！为回馈老用户，现推出{event}活动，参与即可领取{small}GB流量和视频会员，"
    "详情请登录{carrier}官方APP，回复TD退订。",
    "尊敬的{carrier}客户，{festival}快乐！我们为您准备了专属红包，内含流量和话费券，登录手机营业厅即可领取，退订回TD。",
    "亲爱的用户，{carrier}{event}火热进行中！充值{amount}元送{small}元话费，还有机会抽取{prize}，回复1参与，回复TD退订。",
    "尊敬的客户，恭喜您获得{carrier}会员日专属福利，办理{plan}立享{discount}折，名额有限，详询{carrier_line}。",
    "【{brand}】{festival}感恩回馈，会员积分可兑换{gift}，到店出示本短信还可抽取红包，退订回T。",
    "亲爱的会员，{shop}{event}开始啦！关注官方公众号参与转盘抽奖，百分百中奖，最高{prize}，退订回TD。",
    # agents and small firms advertising their own services by text: loans, insurance, homes, cars, clubs
    "{loanfirm}专业办理{loanuse}贷款，正规银行渠道，利息{rate}厘起，额度{small}至{amount}万，资料齐全最快当天放款，详询{agent_name}{phone}。",
    "您好，我是{insurer}的{agent_name}，我们的业务有寿险、车险、意外险、理财、信用卡，您的车险到期前可以找我报价，随时联系。",
    "{surname}哥您好，我是{estate}置业顾问{agent_name}，{place}旁新盘本月首付{small}万起，可办按揭，周末来看房送{gift}。",
    "【{dealer}】{festival}购车节，新车首付{small}%起，提供分期贷款、上牌、保险一条龙服务，二手车置换补贴{amount}元，欢迎到店。",
    "尊敬的用户，欢迎体验{carrier}{vas}业务，首次订购送{small}元话费，月费{small}元，回复Y订购，回复TD退订。",
    "【{club}】{festival}会员福利：到店体验送价值{amount}元护理一次，关注微信公众号再领红包，预约请致电{phone}。",
    "【{estate}中介】二手房买卖、租赁，佣金仅收{rate}%，专业过户、按揭服务，有需要请联系{agent_name}{phone}。",
    "您好，{loanfirm}推出经营贷、房抵贷，年化{rate}%起，可先息后本，需本人到店面签，欢迎咨询{agent_name}。",
)

#: More legitimate genres (issue 13): job boards, licensed lenders' and insurers' own notices, carrier points and
#: bills, schools, everyday talk of work and lending. Rendered from their own random stream after the first
#: templates, so every earlier row is as it was.
MORE_HAM_TEMPLATES: tuple[str, ...] = (
    "【{jobboard}】您投递的{role}岗位已被HR查看，请留意后续面试通知。",
    "【{jobboard}】{company}邀请您参加{role}岗位面试，时间{mm}月{dd}日{hh}:{mi}，地点{company}人事部，请准时到达。",
    "【{jobboard}】您订阅的职位有更新：{role}，月薪{small}00-{amount}元，五险一金，请在APP内查看详情。",
    "【{platform}】尊敬的客户，您的借款本期应还{amount}元，还款日{mm}月{dd}日，请确保尾号{tail}的账户余额充足。",
    "【{platform}】您申请的借款{amount}元已发放至尾号{tail}的银行卡，请在APP内查看还款计划。",
    "【{insurer}】尊敬的客户，您的保单将于{mm}月{dd}日到期，为保障不中断请及时续期缴费，详询您的服务顾问或官方客服。",
    "【{carrier}】尊敬的客户，您的积分将于年底清零，可登录{carrier}官方APP兑换话费或流量。",
    "【{carrier}】您好，您本月话费账单已出，共计{small}.{cents}元，将于本月{dd}日自动扣缴。",
    "【{city}供电】您户号{tail}本月电费{small}.{cents}元，请于{mm}月{dd}日前缴纳，可通过{payapp}生活缴费办理。",
    "【{city}第{small}中学】家长您好，本周五下午放假，请按时接孩子，注意假期安全。",
    "【{payapp}】您已成功收款{amount}元，付款方{surname}**，可在账单中查看详情。",
    "{talk}",
)
#: (Lenders' "您有一笔备用金额度" and card centres' "临时提额" adverts were measured here as marketing and dropped: their
#: words are a fake-loan or refund scam's, and they taught the model to call such scams marketing.)
MORE_SPAM_TEMPLATES: tuple[str, ...] = (
    "【{shop}】您购物车里的商品降价了，快去看看 {shoplink} 退订回T",
    "{agent_name}您好，我是{insurer}的顾问，您家孩子的教育金保险可以了解一下，方便的话给您发个方案。",
)
#: Recruitment into the chain, as every other scam type has templates here: jobs abroad that end in scam compounds
#: (high pay, travel paid, a chat app) and offers to buy or rent bank cards, phone cards and accounts.
MORE_SCAM_TEMPLATES: dict[str, tuple[str, ...]] = {
    _S.JOB_ABROAD_RECRUITMENT: (
        "【急招】{abroad}高薪客服、打字员，月薪{small}000起，包吃住包机票，无需经验，有意者加{wx}：{handle}详聊。",
        "兄弟，我在{abroad}这边做事，一个月轻松两三万，公司报机票，过来就能上班，加我{qq}{digits}细说。",
        "海外项目急招业务员，地点{abroad}，底薪加提成月入3万+，护照签证公司代办，加{wx}{handle}，别问太多。",
    ),
    _S.ACCOUNT_RENTING: (
        "收银行卡，一张一天{small}0元，只走账不影响你使用，安全可靠，加{wx}：{handle}。",
        "闲置的银行卡、电话卡别浪费，租给我们一个月轻松赚{amount}元，躺着赚钱，联系{qq}{digits}。",
        "高价收购对公账户、支付宝、微信号，当天结算，有意私聊{wx}{handle}。",
    ),
}
MORE_SLOTS: dict[str, tuple[str, ...]] = {
    "abroad": ("柬埔寨", "缅甸", "老挝", "迪拜", "菲律宾"),
    "jobboard": ("BOSS直聘", "智联招聘", "前程无忧", "猎聘"),
    "role": ("客服专员", "仓库管理员", "会计", "行政助理", "销售代表", "司机", "程序员", "店长"),
    "company": ("华润万家", "顺丰速运", "美团", "某某科技公司", "永辉超市"),
    "talk": (
        "领导说这个方案周五前要定下来，你抓紧改一下。", "老板今天心情不错，下午茶他请客。", "我跟领导请了半天假，下午去医院。",
        "你借我的雨伞什么时候还我呀，下雨了。", "上次借你的充电宝还在我这儿，明天带给你。", "老板让我问一下明天的会你能来吗？",
        "新来的经理人挺好的，周末部门聚餐你去吗？", "钱我已经还你了，你看下到账没。", "我们主任说报销单下周一统一交。",
    ),
}

SLOTS: dict[str, tuple[str, ...]] = {
    "city": ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆"),
    "bank": ("工商银行", "建设银行", "农业银行", "中国银行", "招商银行", "交通银行", "邮储银行"),
    "carrier": ("中国移动", "中国联通", "中国电信"),
    "shop": ("淘宝", "京东", "拼多多", "抖音商城", "美团", "唯品会"),
    "app": ("飞聊", "钉钉", "Zoom", "某某会议", "安全助手", "财富通"),
    "wx": ("微信", "V信", "薇信", "威信", "vx", "wx"),
    "qq": ("QQ", "扣扣", "qq"),
    "surname": ("王", "李", "张", "刘", "陈", "杨"),
    "title": ("李总", "王局长", "张主任", "刘经理", "陈董"),
    "prize": ("苹果手机", "笔记本电脑", "电视机", "扫地机器人"),
    "site": ("澳门", "金沙", "威尼斯人", "皇冠"),
    "place": ("菜鸟驿站", "小区门口丰巢柜", "前台", "3号楼快递柜", "公司楼下"),
    "name": ("小王", "老李", "张姐", "刘哥", "小陈"),
    "merchant": ("美团外卖", "滴滴出行", "京东商城", "盒马鲜生", "中国石化", "星巴克"),
    "utility": ("电", "水", "燃气", "物业", "有线电视"),
    "payapp": ("支付宝", "微信支付", "云闪付"),
    "shopname": ("便利店", "超市", "美宜佳", "全家", "菜市场摊位"),
    "plan": ("5G畅享套餐", "亲情网", "流量加油包", "视频会员权益包", "国际漫游包"),
    "insurer": ("中国人寿", "平安保险", "太平洋保险", "人保财险", "新华保险", "泰康人寿"),
    "agent_name": ("小刘", "王经理", "张顾问", "李小姐", "陈先生"),
    "loanfirm": ("某某金融服务公司", "城区信贷服务部", "安居按揭服务中心"),
    "festival": ("双十一", "618", "年货节", "周年庆", "开学季", "国庆"),
    "brand": ("优衣库", "海底捞", "小米之家", "华为授权店", "屈臣氏", "周大福", "名创优品"),
    "product": ("空调", "羽绒服", "新款手机", "洗衣机", "护肤套装", "运动鞋"),
    "estate": ("万科", "碧桂园", "保利地产", "龙湖"),
    "edu": ("新东方", "学而思", "某某教育"),
    "subject": ("英语", "数学", "编程", "美术", "钢琴"),
    "gift": ("大米一袋", "食用油", "精美雨伞", "保温杯", "购物卡"),
    "carrier_line": ("10086", "10010", "10000"),
    "bank_line": ("95588", "95533", "95599", "95566", "95555"),
    "agency": ("公安局", "疾控中心", "医保局", "银保监会", "社保中心", "卫健委", "反诈中心", "市场监管局"),
    "record": ("身份证", "医保卡", "健康码", "社保账户", "银行账户"),
    "case": ("洗钱案", "非法集资案", "骗保案", "快递藏毒案", "信用卡套现案"),
    "service": ("百万保障", "代理商权限", "直播会员", "白条分期", "免密支付"),
    "platform": ("京东金融", "支付宝借呗", "微粒贷", "某网贷平台"),
    "dept": ("口腔科", "眼科", "皮肤科", "儿科", "内科", "体检中心"),
    "express": ("顺丰速运", "中通快递", "圆通速递", "京东物流", "邮政EMS"),
    "event": ("感恩回馈", "会员日", "周年庆", "流量狂欢节", "积分兑好礼"),
    "loanuse": ("购车", "装修", "经营", "房屋抵押", "信用", "消费"),
    "dealer": ("某某汽贸", "一汽大众4S店", "比亚迪授权店", "吉利汽车4S店", "广汽丰田专营店"),
    "vas": ("彩铃", "视频彩铃", "来电提醒", "手机报", "云盘会员", "游戏包"),
    "club": ("某某养生会所", "美容SPA中心", "健身俱乐部", "眼镜店", "母婴店"),
}


def chinese_corpus(seed: int, per_template: int = 40) -> tuple[list[str], list[str]]:
    """Rendered messages and their labels (``ham`` or a ``ScamType`` value); scams partly obfuscated."""
    rng = np.random.default_rng([seed, 6006])
    texts: list[str] = []
    labels: list[str] = []
    for scam_type, templates in SCAM_TEMPLATES.items():
        for template in templates:
            for _ in range(per_template):
                texts.append(_obfuscate(rng, _render(rng, template)))
                labels.append(str(scam_type).removesuffix(_SPOKEN))
    for template in HAM_TEMPLATES:
        for _ in range(per_template * 2):
            texts.append(_render(rng, template))
            labels.append("ham")
    for template in SPAM_TEMPLATES:
        for _ in range(per_template):
            texts.append(_render(rng, template))
            labels.append("spam")
    more = np.random.default_rng([seed, 6007])
    for label, extra in (("ham", MORE_HAM_TEMPLATES), ("spam", MORE_SPAM_TEMPLATES)):
        for template in extra:
            for _ in range(per_template * (2 if label == "ham" else 1)):
                texts.append(_render(more, _with_more_slots(more, template)))
                labels.append(label)
    for scam_type, templates in MORE_SCAM_TEMPLATES.items():
        for template in templates:
            for _ in range(per_template):
                texts.append(_obfuscate(more, _render(more, _with_more_slots(more, template))))
                labels.append(str(scam_type))
    return texts, labels


def _with_more_slots(rng: np.random.Generator, template: str) -> str:
    for name, options in MORE_SLOTS.items():
        template = template.replace("{" + name + "}", options[int(rng.integers(len(options)))])
    return template


def _render(rng: np.random.Generator, template: str) -> str:
    values = {name: options[int(rng.integers(len(options)))] for name, options in SLOTS.items()}
    values.update(
        phone=_phone(rng), url=_url(rng), handle=_handle(rng), digits=str(int(rng.integers(10**6, 10**10))),
        amount=str(int(rng.choice([50, 200, 800, 1500, 3000, 5000, 20000, 50]))), small=str(int(rng.integers(5, 99))),
        pct=str(int(rng.integers(3, 60))), code=f"{int(rng.integers(0, 10**6)):06d}", tail=f"{int(rng.integers(0, 10**4)):04d}",
        balance=f"{rng.lognormal(9, 1.2):.2f}", mm=str(int(rng.integers(1, 13))), dd=str(int(rng.integers(1, 29))),
        hh=f"{int(rng.integers(0, 24)):02d}", mi=f"{int(rng.integers(0, 60)):02d}", cents=f"{int(rng.integers(0, 100)):02d}",
        masked=f"1{int(rng.choice([3, 5, 8]))}{int(rng.integers(0, 10))}****{int(rng.integers(0, 10**4)):04d}",
        discount=str(int(rng.integers(3, 9))), rate=f"{rng.uniform(2.8, 6.5):.2f}", shoplink=_shop_link(rng),
    )
    return template.format(**values)


def _phone(rng: np.random.Generator) -> str:
    if rng.random() < 0.3:
        return f"400-{int(rng.integers(100, 999))}-{int(rng.integers(1000, 9999))}"
    return f"1{int(rng.choice([3, 5, 7, 8, 9]))}{int(rng.integers(10**8, 10**9))}"


def _url(rng: np.random.Generator) -> str:
    word = "".join(rng.choice(list("abcdefghjkmnpqrstuvwxyz"), int(rng.integers(3, 8))))
    tld = str(rng.choice(["com", "cn", "top", "xyz", "vip", "cc"]))
    return f"{str(rng.choice(['http://', 'https://', '']))}{word}{int(rng.integers(0, 99))}.{tld}/{word[:2]}"


def _shop_link(rng: np.random.Generator) -> str:
    """A shop's own short link, as real promotions carry (the official domain, not a lookalike)."""
    host = str(rng.choice(["m.tb.cn", "3.cn", "u.jd.com", "t.cn", "dpurl.cn", "vip.com"]))
    return f"{host}/{_handle(rng)[:6]}"


def _handle(rng: np.random.Generator) -> str:
    return "".join(rng.choice(list("abcdefghkmnpqrstuvwxyz0123456789_"), int(rng.integers(6, 11))))


def _obfuscate(rng: np.random.Generator, text: str) -> str:
    """Half of scam messages get one of the tricks senders use against keyword filters."""
    trick = int(rng.integers(0, 6))
    if trick == 0:
        return " ".join(text)
    if trick == 1:
        return "*".join(text[: len(text) // 2]) + text[len(text) // 2 :]
    if trick == 2:
        return text.translate(str.maketrans("0123456789abcdefghijklmnopqrstuvwxyz", "０１２３４５６７８９ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"))
    return text
