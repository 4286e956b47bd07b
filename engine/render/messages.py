"""Every user-visible string of the CLI, in Chinese and English."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # headings and labels
    "col.rank": ("#", "#"),
    "col.vendor": ("厂商", "Vendor"),
    "col.type": ("类型", "Type"),
    "col.track": ("赛道", "Track"),
    "col.F": ("供给 F", "Supply F"),
    "col.id": ("规则", "Rule"),
    "col.title": ("标题", "Title"),
    "col.source": ("来源", "Source"),
    "col.location": ("位置", "Location"),
    "col.stage": ("层", "Stage"),
    "col.effect": ("效果", "Effect"),
    "check.title": ("第三方普惠智算云赛道判定（华南）", "Track eligibility: third-party inclusive AI compute cloud (South China)"),
    "check.legend": (
        "✓ 满足  ◐ 部分（按占比计入）  ✗ 不满足  ? 未判定；F = S×R×T×P×A×C，数值为评估值",
        "✓ met  ◐ partial (counts by share)  ✗ not met  ? undetermined; F = S×R×T×P×A×C, an assessed figure",
    ),
    "check.rules_version": ("规则版本", "rules version"),
    "sep": ("；", "; "),
    "check.summary": ("{n} 家厂商：{core} 核心，{partial} 部分，{out} 出局，{undetermined} 未判定",
                      "{n} vendors: {core} core, {partial} partial, {out} out, {undetermined} undetermined"),
    "check.criteria": ("四项标准", "Criteria"),
    "check.supply": ("供给测算", "Supply"),
    "check.notes": ("注释", "Notes"),
    "check.trace": ("规则轨迹", "Rule trace"),
    "check.no_events": ("（此过滤下无规则）", "(no rules under this filter)"),
    "check.assessment": ("评估", "assessment"),
    "check.unassessed": ("报告未评估", "not assessed in the report"),
    "trace.fired": ("触发", "fired"),
    "trace.not_fired": ("未触发", "not fired"),
    "trace.not_evaluated": ("数据未知，未评估", "data unknown, not evaluated"),
    "trace.overridden": ("被 {winner} 覆盖", "overridden by {winner}"),
    "trace.stage": ("第 {n} 层", "stage {n}"),
    "value.core": ("核心", "core"),
    "value.partial": ("部分", "partial"),
    "value.out": ("出局", "out"),
    "value.undetermined": ("未判定", "undetermined"),
    "value.independent": ("独立智算云", "independent AI cloud"),
    "value.internet_cloud": ("互联网云厂商", "internet cloud"),
    "value.ai_company": ("AI 公司自有云", "AI company cloud"),
    "value.met": ("满足", "met"),
    "value.not_met": ("不满足", "not met"),
    "value.unknown": ("未知", "unknown"),
    "criterion.T": ("第三方", "third-party"),
    "criterion.P": ("普惠", "inclusive"),
    "criterion.A": ("智算", "AI compute"),
    "criterion.C": ("云平台", "cloud"),
    "effect.exclude": ("排除", "exclude"),
    # errors
    "error.prefix": ("zhisuan：错误", "zhisuan: error"),
    "error.internal": ("内部错误：{message}（加 --debug 查看堆栈）", "internal error: {message} (run with --debug for the traceback)"),
    "error.interrupted": ("已中断", "interrupted"),
    "error.unknown_vendor": ("未知厂商 {id!r}", "unknown vendor {id!r}"),
    "error.unknown_rule": ("未知规则 {id!r}", "unknown rule {id!r}"),
    "hint.rules_list": ("用 `zhisuan rules list` 查看全部规则", "see `zhisuan rules list` for every rule"),
    "hint.vendor_ids": ("可用：{ids}", "available: {ids}"),
}


def msg(key: str, lang: str, **kwargs: object) -> str:
    """The message `key` in `lang`, formatted with kwargs."""
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kwargs)


def value_label(value: str, lang: str) -> str:
    """A track, type or status value in `lang` (the raw value if it has no label)."""
    key = f"value.{value}"
    return msg(key, lang) if key in MESSAGES else value
