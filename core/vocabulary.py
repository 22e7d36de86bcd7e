"""The figure vocabulary of ``shared/fields.md``: one table of metrics, and the patterns every layer shares.

:data:`METRICS` is the single table: each key with the Chinese label users read, what it means
(shown to an LLM and in the docs), the labels documents print for it (read by the prose
extractor) and the everyday words people ask with (read by question understanding). Everything
that shows or reads a metric takes it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One vocabulary key."""

    key: str
    label: str  # 中文名称 shown to users
    description: str  # what the figure is, for an LLM prompt and the docs
    printed: tuple[str, ...] = ()  # labels documents print for it in running text (extractor)
    aliases: tuple[str, ...] = ()  # everyday words people use for it (regular expressions; question understanding;
    #                                a group named w marks the word when the rest of the pattern is context)
    cues: tuple[str, ...] = ()  # short words that make a passage worth showing an LLM looking for it


METRICS: tuple[Metric, ...] = (
    Metric("income_grand_total", "收入总计", "收入总计：本年收入合计加年初结转和结余",
           ("收入总计", "收入预算"), (r"收入总计|总收入|收入总共|预算收入|收支总预算|(?<!事业)(?<!经营)(?<!补助)(?<!上缴)(?<!其他)(?<!拨款)收入总?预算|收支预算|收支预算总|收支(?:一共|总共|合计|共计)|(?<!财政拨款)(?:收入支出总[计体]|收支总体|收支总数|收支总额|收支总量)",),
           ("收入总计", "收入预算", "收支总预算")),
    Metric("income_current_year", "本年收入合计", "本年收入合计", ("本年收入合计", "本年收入"),
           (r"本年收入|(?:^|(?<=[年度的级)）\s]))收入合计",
            r"(?:^|(?<=[年度的级)）\s]))收入(?:决算数?)?(?=(?:是|有|为|一共|总共)?(?:多少|几))"),  # ("去年收入是多少")
           ("本年收入",)),
    Metric("fiscal_appropriation_income", "本年财政拨款收入", "本年财政拨款收入（一般公共预算财政拨款收入）",
           ("本年财政拨款收入", "财政拨款收入", "一般公共预算拨款"), (r"财政拨款收入|一般公共预算(?:财政)?拨款收入|(?:^|(?<=[年度的级)）\s]))拨款收入",),
           ("财政拨款收入", "一般公共预算拨款")),
    Metric("other_income", "其他收入", "其他收入", ("其他收入",), (r"其他收入",), ("其他收入",)),
    Metric("beginning_carryover", "年初结转和结余", "年初结转和结余", ("年初结转和结余",),
           (r"年初结转", r"上年结转", r"以前年度结转"), ("年初结转", "上年结转")),
    Metric("expenditure_grand_total", "支出总计", "支出总计：本年支出合计加年末结转和结余",
           ("支出总计", "支出预算"), (r"收、?支(?:决算|预算)?总计|收入、?支出(?:决算|预算)?总计", r"(?<!财政拨款)(?:收入支出|收支)总体", r"支出总计|总支出|支出总预算|(?:^|(?<=[年的级)）\s]))支出预算(?!表)"), ("支出总计", "支出预算", "收支总预算")),
    Metric("expenditure_current_year", "本年支出合计", "本年支出合计", ("本年支出合计", "本年支出", "全年实际支出"),
           # (a budget's statement of its whole: "2026年收入预算1759.23万元，支出预算1759.23万元，比2025年…")
           (r"本年支出|(?:^|(?<=[年度的级)）\s]))支出合计|(?:^|(?<=[年度,，、]))支出预算(?=[为是]?\d)",), ("本年支出",)),
    Metric("basic_expenditure", "基本支出", "基本支出（本年）", ("基本支出",), (r"基本支出",), ("基本支出",)),
    Metric("project_expenditure", "项目支出", "项目支出（本年）", ("项目支出",), (r"项目支出",), ("项目支出",)),
    Metric("ending_carryover", "年末结转和结余", "年末结转和结余", ("年末结转和结余",),
           (r"结转|结余|剩(?:下|了)?多少|(?:钱|资金)没(?:有)?(?:花完|用完)|钱(?:花|用)不完",), ("年末结转",)),
    Metric("fiscal_grant_income_total", "财政拨款收入总计", "财政拨款收入总计（财政拨款收入支出决算总表）",
           ("财政拨款收入总计",), (r"财政拨款收入总计|财政拨款收入支出总[计体]|财政拨款收支总[计体额数]",),
           ("财政拨款收入总计", "财政拨款收支总")),
    Metric("fiscal_grant_expenditure_total", "财政拨款支出总计", "财政拨款支出总计",
           ("财政拨款支出总计", "财政拨款支出预算"), (r"财政拨款支出总计",), ("财政拨款支出总计", "财政拨款收支总")),
    Metric("gpb_expenditure", "一般公共预算财政拨款支出", "一般公共预算财政拨款支出（本年决算数）",
           ("一般公共预算财政拨款支出", "一般公共预算拨款支出预算", "一般公共预算拨款合计"), (r"一般公共预算",),
           ("一般公共预算财政拨款支出", "一般公共预算拨款")),
    Metric("gpb_initial_budget", "一般公共预算财政拨款支出年初预算", "一般公共预算财政拨款支出 年初预算数", (),
           (r"年初预算",), ("年初预算",)),
    Metric("gpb_basic_expenditure", "一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出",
           ("一般公共预算财政拨款基本支出", "财政拨款基本支出"), (r"财政拨款基本支出",), ("财政拨款基本支出",)),
    Metric("personnel_expenses", "人员经费", "人员经费（基本支出中的工资福利和对个人和家庭的补助）", ("人员经费",),
           (r"人头费|人员经费|养人的钱|养人花|养人用",), ("人员经费",)),  # (工资福利支出 is a row of the 经济分类, a part of it)
    Metric("public_expenses", "公用经费", "公用经费（基本支出中的商品和服务支出等）", ("公用经费",),
           (r"办公经费|公用经费",), ("公用经费",)),
    Metric("gov_fund_expenditure", "政府性基金预算财政拨款支出", "政府性基金预算财政拨款支出",
           ("政府性基金预算财政拨款支出", "政府性基金拨款支出预算", "政府性基金预算拨款支出"), (r"政府性基金",), ("政府性基金",)),
    Metric("three_public_actual", "财政拨款“三公”经费支出", "财政拨款“三公”经费支出 决算数（合计）", (),
           (r"三公",), ("三公",)),
    Metric("three_public_budget", "“三公”经费预算", "“三公”经费 预算数（合计）", (),
           (r"三公.*?(?:预算|安排)|(?:预算|安排).*?三公",), ("三公",)),
    Metric("overseas_travel", "因公出国（境）费", "因公出国（境）费", ("因公出国(境)费",), (r"出国|出境",), ("出国",)),
    Metric("vehicle_purchase", "公务用车购置费", "公务用车购置费", ("公务用车购置费", "公务用车购置"),
           (r"(?:买|购买|购置|新购|采购)了?(?![^，,。？?]{0,3}?(?:几|多少)[辆台])[一两\d]*辆?[\u4e00-\u9fff]{0,4}?"
            r"(?:公务用?车|公车|新车|车辆|用车|车(?![间位]))|"
            r"购车|公车购置|车辆购置|公务用车购置",), ("用车购置",)),
    Metric("vehicle_operation", "公务用车运行维护费", "公务用车运行维护费", ("公务用车运行维护费", "公务用车运行费"),
           (r"公车.*?(?:运行|运维|维护|加油)|用车运行|车辆运行|车辆运维|养车|公务用车运行", r"公车"), ("运行维护", "用车运行")),
    Metric("official_reception", "公务接待费", "公务接待费", ("公务接待费",), (r"招待|接待费|吃喝|请客|公务接待",),
           ("公务接待",)),
    Metric("reception_batches", "国内公务接待批次", "国内公务接待 批次", (), (r"[接招]待[^。？?]{0,12}?(?P<w>几批|多少批|批次|几次|多少次)", r"(?P<w>几批|多少批)[^。？?，,]{0,6}?[接招]待"), ("批次",)),
    Metric("reception_persons", "国内公务接待人次", "国内公务接待 人次", (), (r"[接招]待[^。？?]{0,14}?(?P<w>多少人次|几人次|多少人(?!头)|几个?人|人次)",), ("人次",)),
    Metric("vehicles_in_service", "公务用车保有量", "公务用车保有量（辆）", ("公务用车保有量", "公务用车保有", "共有公务用车", "实有公务用车", "现有公务用车", "公务用车实有"),
           (r"保有量|(?:有没有|是否有|有无)(?:公务用?车|公车)(?!的?(?:购置|购买|运行|维护|费|经费|预算|支出|开支))|(?:公车|公务用?车)[^，,。？?]{0,6}?\d+[辆台]|公车(?!购置|购买|新购|买了)(?:(?!买|购)[^，,。？?])*?几[辆台]|(?<!购置)(?<!购置了)(?<!买了)(?<!购买了)(?<!新购)(?:几|多少)[辆台]公(?:务用?)?车|"
            r"公务用?车(?!购置|购买|新购|买了)[^，。？?]{0,8}?(?:几[辆台]|多少[辆台])",),
           ("保有量",)),
    Metric("agency_operating_expenses", "机关运行经费", "机关运行经费", ("机关运行经费",), (r"机关运行|机关运营",),
           ("机关运行经费",)),
    Metric("procurement_total", "政府采购支出总额", "政府采购支出总额",
           ("政府采购支出总额", "政府采购预算", "政府采购金额"), (r"采购",), ("政府采购",)),
    Metric("procurement_goods", "政府采购货物支出", "政府货物采购支出",
           ("政府采购货物支出", "政府采购货物预算", "货物采购金额"), (r"货物采购|买东西|采购货物|货物类", r"采购.{0,16}?(?P<w>货物)"), ("政府采购", "货物")),
    Metric("procurement_works", "政府采购工程支出", "政府工程采购支出",
           ("政府采购工程支出", "政府采购工程预算", "工程采购金额"), (r"工程采购|采购工程|工程类", r"采购.{0,16}?(?P<w>工程)"), ("政府采购", "工程")),
    Metric("procurement_services", "政府采购服务支出", "政府服务采购支出",
           ("政府采购服务支出", "政府采购服务预算", "服务采购金额"), (r"(?:买|采购)?服务(?:采购|花)|服务类", r"采购.{0,16}?(?P<w>服务)"), ("政府采购",)),
    Metric("procurement_sme", "授予中小企业合同金额", "授予中小企业合同金额",
           ("授予中小企业合同金额", "面向中小企业预留政府采购项目预算金额", "面向中小企业预留政府采购"), (r"中小企业",),
           ("中小企业",)),
    Metric("vehicles_total", "车辆总数", "车辆总数（国有资产占有使用情况）", ("共有车辆", "车辆"),
           (r"资产[^，,。？?]{0,10}?车(?!费)|(?<![买购])(?<!买了|购置|新购|购了)(?:几辆车|多少辆车)|车辆总数|有几辆|(?<![买购])(?<!买了|购置|新购|购了)多少辆|各几辆|(?:什么|哪些|哪几种)车|车辆(?!运行|运维|维护|购置)(?=[^，。？?费]{0,16}(?:几辆|多少|哪些|哪几|什么|构成|组成|类型|分类))",),
           ("车辆",)),
)
BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}

DOCUMENT_KEYS = ("unit_name", "fiscal_year", "doc_type")
FIGURE_KEYS = tuple(m.key for m in METRICS)
PROJECT_FIELDS = ("budget", "actual", "execution_rate", "score")
PROJECT_FIELD_LABELS = {"budget": "预算数", "actual": "执行数", "execution_rate": "执行率", "score": "自评得分"}

# a number as documents print it: thousands-separated or plain, optional sign and decimals
NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
# a number token that is never part of a longer number (for finding a value inside a quote)
NUMBER_TOKEN = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
# the words that introduce an explanation (原因说明), longest first
REASON_MARKER = re.compile(r"(?:主要原因是|主要原因为|主要原因|原因是|原因为|原因分析|主要是由于|主要是|主要由于)[:：,，]?")
# the administrative levels a place is made of, longest first; a place piece is two to eight characters
# that are not words of an organisation, then a level (上海市, 普陀区, 昌吉回族自治州)
ADMIN_LEVEL = r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|自治州|地区|盟|市|州|自治县|县|自治旗|旗|新区|区)"
# the peoples an autonomous place is named for (昌吉回族自治州 → 昌吉, 黔东南苗族侗族自治州 → 黔东南)
ETHNIC = (r"(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|"
          r"纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
          r"鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族")
# a 区 that is no place: an irrigation district, a scenic area, a campus, a park, a community…
PLACE_PIECE = (rf"(?:[^\s委会办局部厅党团政府室处]{{2,8}}?{ADMIN_LEVEL}|[^\s委会办局部厅党团政府室处]{{2,16}}?族自治[县州旗])"
               rf"(?<![灌景校园院社片辖库营]区)")  # (a county of four peoples: 双江拉祜族佤族布朗族傣族自治县)
FIGURE_UNITS = ("万元", "元", "人", "辆", "个", "批次", "人次", "%", "分", "亿元", "千元", "平方米", "台(套)")


def is_valid_key(key: str) -> bool:
    if key in BY_KEY:
        return True
    parts = key.split(":")
    if parts[0] == "gpb_class":
        return len(parts) == 2 and bool(parts[1])
    if parts[0] == "project":
        return len(parts) == 3 and bool(parts[1]) and parts[2] in PROJECT_FIELDS
    return False


def label_of(key: str) -> str:
    """The Chinese name of a key for people: 公务接待费, 一般公共服务支出（类）, 某项目 预算数."""
    if key in BY_KEY:
        return BY_KEY[key].label
    parts = key.split(":")
    if parts[0] == "gpb_class" and len(parts) == 2:
        return f"{parts[1]}（一般公共预算财政拨款支出）"
    if parts[0] == "project" and len(parts) == 3:
        return f"{parts[1]} {PROJECT_FIELD_LABELS.get(parts[2], parts[2])}"
    return key


# the two car fees named together (公务用车购置及运行维护费): neither the purchase's figure nor the upkeep's
_BOTH_CAR_FEES = re.compile(r"公务用车购置及运行(?:维护)?费?|公车购置及运行(?:维护)?费?")


def names_metric(key: str, text: str) -> bool:
    """Whether ``text`` names the figure ``key`` stands for (a label documents print, a cue, an everyday word;
    an item's or project's own name): a number is a claim about a metric only where both are stated."""
    plain = _BOTH_CAR_FEES.sub("", re.sub(r"[\s“”\"'‘’「」（）()]", "", text))
    parts = key.split(":")
    if parts[0] in ("gpb_class", "project") and len(parts) >= 2:
        return parts[1] in plain or (len(parts[1]) > 4 and parts[1][:4] in plain)
    metric = BY_KEY.get(key)
    if metric is None:
        return False
    words = [re.sub(r"[()（）]", "", w) for w in (metric.label, *metric.printed, *metric.cues)]
    return any(w and w in plain for w in words) or any(re.search(a, plain) for a in metric.aliases)


def printed_end(key: str, text: str, aliases: bool = False) -> int:
    """Where the last of the words documents print for ``key`` (label, printed labels, cues; with ``aliases``, the
    everyday words too) ends in ``text`` (brackets, quotes and spaces left out), -1 when none is there: of two
    figures a clause names, the one named next to its amount is the one the amount is of ("一般公共预算“三公”经费预算
    14.60万元" is the 三公 money's)."""
    plain = re.sub(r"[\s“”\"'‘’「」（）()]", "", text)
    metric = BY_KEY.get(key)
    if metric is None:
        return -1
    words = [re.sub(r"[()（）]", "", w) for w in (metric.label, *metric.printed, *metric.cues)]
    ends = [plain.rfind(w) + len(w) for w in words if w and w in plain]
    ends += [m.end() for a in (metric.aliases if aliases else ()) for m in re.finditer(a, plain)]
    return max(ends, default=-1)


def item_name(label: str) -> str:
    """A row label as an itemised key's name: whitespace, ordinal prefix and (类) removed."""
    name = re.sub(r"\s+", "", label)
    name = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）])", "", name)
    return re.sub(r"[(（]类[)）]$", "", name)
