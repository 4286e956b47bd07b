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
    "rank.title": ("为 {name} 推荐的厂商", "Vendors ranked for {name}"),
    "rank.profile": ("客户画像", "Profile"),
    "rank.sample": (
        "未指定画像：使用内置示例 {id}（{path}）",
        "no profile given: using the bundled sample {id} ({path})",
    ),
    "col.score": ("得分", "Score"),
    "col.reasons": ("主要理由", "Key reasons"),
    "rank.weights": ("权重", "Weights"),
    "rank.origin.segment": ("客群默认", "segment"),
    "rank.origin.profile": ("画像", "profile"),
    "rank.origin.command line": ("命令行", "command line"),
    "rank.stability": (
        "稳定性（{draws} 次抽样，权重 ±{pct}%，种子 {seed}）：第 1 名不变 {top1}，前 3 名不变 {top3}",
        "Stability ({draws} draws, weights ±{pct}%, seed {seed}): top-1 unchanged {top1}, top-3 unchanged {top3}",
    ),
    "rank.swap": ("；使第 1、2 名互换的最小单项权重变化：{dim} {before} → {after}",
                  "; smallest single weight change that swaps #1 and #2: {dim} {before} → {after}"),
    "rank.no_swap": ("；没有单项权重变化能使第 1、2 名互换", "; no single weight change swaps #1 and #2"),
    "rank.inputs": ("客户信息", "Buyer inputs"),
    "rank.unknown_inputs": ("未知（读取它们的规则未作判定，不按默认值猜测）：{fields}",
                            "unknown (rules that read them were not evaluated; nothing is guessed): {fields}"),
    "rank.unused_inputs": ("没有规则读取：{fields}", "not used by any rule: {fields}"),
    "rank.why_lower": ("为何排名靠后", "Why lower"),
    "rank.gap": ("落后第 1 名 {gap}", "{gap} behind #1"),
    "rank.excluded": ("被排除的厂商", "Excluded"),
    "rank.comeback": ("可以恢复，如果：", "would come back if:"),
    "rank.no_comeback": ("找不到三项以内的改动使其恢复", "no change of up to three fields brings it back"),
    "rank.who.buyer": ("客户", "buyer"),
    "rank.who.vendor": ("厂商资料", "vendor data"),
    "rank.who.derived": ("推导结果", "derived"),
    "rank.breakdown": ("得分构成", "Score breakdown"),
    "rank.not_applied": ("同组有更强的规则，不计入", "a stronger rule in the same group counts instead"),
    "rank.all_excluded": (
        "所有厂商都被排除；排除最多的筛选：{rule}（{n} 家）",
        "every vendor was excluded; the filter that excluded the most: {rule} ({n} vendors)",
    ),
    "rank.unknown_profile": ("找不到画像 {arg!r}", "no profile {arg!r}"),
    # errors
    "error.prefix": ("zhisuan：错误", "zhisuan: error"),
    "error.internal": ("内部错误：{message}（加 --debug 查看堆栈）", "internal error: {message} (run with --debug for the traceback)"),
    "error.engine_missing": ("规则引擎 durable_rules 未安装（{reason}）；安装命令：{command}",
                             "the rule engine durable_rules is not installed ({reason}); install it with: {command}"),
    "error.engine_broken": ("规则引擎 durable_rules 无法导入（{reason}）；重新构建：{command}",
                            "the rule engine durable_rules cannot be imported ({reason}); rebuild it with: {command}"),
    "error.interrupted": ("已中断", "interrupted"),
    "error.unknown_vendor": ("未知厂商 {id!r}", "unknown vendor {id!r}"),
    "error.unknown_rule": ("未知规则 {id!r}", "unknown rule {id!r}"),
    "label.share": ("占比", "share"),
    "label.rating": ("评分", "rating"),
    "label.weight": ("权重", "weight"),
    "hint.see_help": ("见 --help", "see --help"),
    "hint.rules_list": ("用 `zhisuan rules list` 查看全部规则", "see `zhisuan rules list` for every rule"),
    "error.duplicate_vendor": ("两个不同的厂商使用同一 id {id!r}", "two different vendors share the id {id!r}"),
    "hint.rename_id": ("请改用未被占用的 id", "give this vendor an id of its own"),
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
