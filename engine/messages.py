"""Every user-visible string, errors and hints included, in Chinese and English: the one catalogue.

It sits at the bottom of the layers (beside `errors`): the loader and the models raise errors
that carry a `Msg` (a key and its values); the command line renders it in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, tuple[str, str]] = {
    # command-line help (engine/cli/)
    "help.app.output_language": ("输出语言", "output language"),
    "help.app.show_tracebacks_on_errors": ("出错时显示堆栈", "show tracebacks on errors"),
    "help.app.never_page_long_output": ("终端上的长输出不分页", "never page long output on a terminal"),
    "help.app.zhisuan_decision_support_for": ("zhisuan 智算：华南第三方普惠智算云市场的决策支持工具。", "zhisuan: decision support for the South China third-party inclusive AI compute cloud market."),
    "help.app.run_zhisuan_command_help": ("各命令的用法见 `zhisuan COMMAND --help`。\n退出码：0 命令已作答，无论结论如何；1 你要求的关卡未通过（check --fail-unless）；2 输入或用法错误；3 内部错误或安装损坏；130 被中断。", "Run `zhisuan COMMAND --help` for each command.\nexit codes: 0 the command answered, whatever the verdict; 1 a gate you asked for failed (check --fail-unless); 2 bad input or usage; 3 internal error or a broken installation; 130 interrupted."),
    "help.app.print_the_version": ("输出版本", "print the version"),
    "help.output.use_the_rule_files": ("使用 DIR 中的规则文件（eligibility/*.yaml、classification.yaml、policy.yaml、advice/*.yaml、weights.yaml、conformance.yaml）代替内置规则", "use the rule files in DIR (eligibility/*.yaml, classification.yaml, policy.yaml, advice/*.yaml, weights.yaml, conformance.yaml) instead of the bundled ones"),
    "help.output.output_format": ("输出格式", "output format"),
    "help.output.rule_trace_to_show": ("显示的规则轨迹：off 不显示（默认，json 也不带轨迹），fails 只显示不利项，full 全部", "rule trace to show: off (the default; JSON then carries no trace), fails (what counts against), full (every rule)"),
    "help.check.classify_vendors_track_supplier": ("判定厂商：赛道、类型、T/P/A/C 与 F", "classify vendors: track, supplier type, T/P/A/C and F"),
    "help.check.evaluate_vendors_against_the": ("按报告的四项标准（T、P、A、C）和十二项子标准判定厂商。不带参数时判定全部内置厂商。完成判定即退出码 0，无论结论如何；仅当给出 --fail-unless 且有厂商达不到时为 1（用于 CI 关卡）；输入错误为 2。--file - 从标准输入读取厂商。", "Evaluate vendors against the four criteria (T, P, A, C) and twelve sub-criteria of the report. With no arguments every bundled vendor is checked. Exit 0 when the check is made, whatever the verdicts; 1 only when --fail-unless is given and a checked vendor falls short of it (for CI gates); 2 on bad input. --file - reads a vendor from standard input."),
    "help.check.examples_zhisuan_check_zhisuan": ("示例：\n  zhisuan check\n  zhisuan check datacanvas --explain full\n  zhisuan check --file my-vendor.yaml\n  zhisuan check --format json | jq .", "examples:\n  zhisuan check\n  zhisuan check datacanvas --explain full\n  zhisuan check --file my-vendor.yaml\n  zhisuan check --format json | jq ."),
    "help.check.bundled_vendor_ids": ("内置厂商 id", "bundled vendor ids"),
    "help.check.check_a_vendor_file": ("判定一个厂商文件，`-` 为标准输入（可重复）", "check a vendor file, `-` for standard input (repeatable)"),
    "help.check.exit_1_unless_every": ("除非每个被判定厂商都是核心（或至少部分）赛道，否则退出码为 1：用作 CI 关卡", "exit 1 unless every checked vendor is core (or at least partial): a gate for CI"),
    "help.rank.rank_vendors_for_a": ("按客户画像为厂商排名", "rank vendors for a customer profile"),
    "help.rank.rank_the_bundled_vendors": ("为客户画像给内置厂商排名。硬性筛选排除无法服务该客户的厂商（给出排除它的规则和使其恢复的最小改动）；其余按 D1–D5 加权评分加上报告建议规则的分数排序，每个得分都逐项列出。得出排名即退出码 0（即使所有厂商都被排除），输入错误为 2。PROFILE 为 `-` 时从标准输入读取画像。", "Rank the bundled vendors for a buyer. Hard filters drop vendors that cannot serve the buyer (each with the rule that dropped it and the smallest change that would bring it back); the rest are scored by weighted D1–D5 ratings plus the points of the report's advice rules, and every score is broken down term by term. Exit 0 when the ranking is made (even if every vendor is excluded), 2 on bad input. PROFILE `-` reads the profile from standard input."),
    "help.rank.profile_is_a_yaml": ("PROFILE 为 YAML 文件路径或内置画像 id（profiles/customers/）。\n示例：\n  zhisuan rank\n  zhisuan rank profiles/customers/dongguan-factory-smb.yaml\n  zhisuan rank shenzhen-finance-large --top 3 --explain full\n  zhisuan rank my.yaml --weight D3=0.4 --weight D5=0.1 --format json", "PROFILE is a YAML file or the id of a bundled profile (profiles/customers/).\nexamples:\n  zhisuan rank\n  zhisuan rank profiles/customers/dongguan-factory-smb.yaml\n  zhisuan rank shenzhen-finance-large --top 3 --explain full\n  zhisuan rank my.yaml --weight D3=0.4 --weight D5=0.1 --format json"),
    "help.rank.profile_file_or_bundled": ("画像文件或内置 id", "profile file or bundled id"),
    "help.rank.show_the_first_n": ("只显示前 N 名", "show the first N only"),
    "help.rank.override_one_dimension_s": ("覆盖某维度权重，如 D3=0.4（可重复）", "override one dimension's weight, e.g. D3=0.4 (repeatable)"),
    "help.rank.add_a_vendor_file": ("加入厂商文件", "add a vendor file"),
    "help.rank.seed_of_the_stability": ("稳定性抽样的随机种子", "seed of the stability draws"),
    "help.rank.stability_draws_0_100000": ("稳定性抽样次数（0–100000）", "stability draws (0–100000)"),
    "help.rules.list_rules_or_show": ("列出规则或查看一条规则", "list rules or show one"),
    "help.rules.the_eligibility_rules_check": ("赛道判定规则（check）与选型建议规则（rank），各附报告出处及所在文件行号。", "The eligibility rules (check) and the advice rules (rank), each with its report source and the file:line where it is written."),
    "help.rules.every_rule_with_its": ("全部规则及其来源和位置", "every rule with its source and file:line"),
    "help.rules.one_rule_in_full": ("查看一条规则，如 `rules show T1`", "one rule in full, e.g. `rules show T1`"),
    "help.rules.every_piece_of_the": ("报告中每一条选型建议及编码它的规则", "every piece of the report's buying advice and the rules that encode it"),
    "help.rules.the_advice_conformance_table": ("建议对照表（rules/conformance.yaml）：报告中每条面向客户的建议，附章节，以及 zhisuan 如何编码（规则 id、报告背景、厂商风险）或不编码的原因。", "The advice conformance table (rules/conformance.yaml): each statement of the report that advises a buyer, with its section and how zhisuan encodes it (rule ids, report context, vendor risks) or why it does not."),
    "help.schema.print_a_json_schema": ("输出 JSON Schema（vendor、profile、rules）", "print a JSON Schema (vendor, profile, rules)"),
    "help.completion.print_a_shell_completion": ("输出 shell 补全脚本（bash、zsh、fish）", "print a shell completion script (bash, zsh, fish)"),
    "help.completion.print_a_completion_script": ("输出命令、选项及其取值的补全脚本。安装示例：\n  zhisuan completion bash > ~/.local/share/bash-completion/completions/zhisuan\n  zhisuan completion zsh > \"${{fpath[1]}}/_zhisuan\"\n  zhisuan completion fish > ~/.config/fish/completions/zhisuan.fish", "Print a completion script for commands, options and their choices. Install it with, e.g.:\n  zhisuan completion bash > ~/.local/share/bash-completion/completions/zhisuan\n  zhisuan completion zsh > \"${{fpath[1]}}/_zhisuan\"\n  zhisuan completion fish > ~/.config/fish/completions/zhisuan.fish"),
    # command-line values and scoring (engine/scoring/, engine/decide/rank.py)
    "usage.weight_shape": ("--weight 取 维度=数字，如 D3=0.4，而不是 {text}", "--weight takes DIMENSION=NUMBER, e.g. D3=0.4, not {text}"),
    "usage.weight_number": ("--weight {name} 需要数字，而不是 {value}", "--weight {name} needs a number, not {value}"),
    "usage.weight_range": ("--weight {name} 必须在 0 到 10 之间，而不是 {value}", "--weight {name} must be between 0 and 10, not {value}"),
    "usage.weights_zero": ("各项权重之和为零", "the weights add up to zero"),
    "hint.positive_weight": ("请至少给一个维度正的权重", "give at least one dimension a positive weight"),
    "rule.missing_rating": ("厂商 {id} 没有 {dims} 评分，而没有建议规则排除它", "vendor {id} has no {dims} rating and no advice rule excluded it"),
    "hint.keep_unrated_filter": ("请保留 rules/advice/filters.yaml 中 filter.unrated 这样的筛选",
                                 "keep a filter such as filter.unrated in rules/advice/filters.yaml"),
    # rule files (engine/decide/knowledge.py, engine/compile/)
    "load.no_rules_folder": ("找不到规则目录", "rules folder not found"),
    "hint.rules_folder": ("请给出含有 policy.yaml 的目录", "give a folder holding policy.yaml"),
    "load.no_rule_files": ("没有找到规则文件", "no rule files found"),
    "hint.expected_files": ("应有：{files}", "expected {files}"),
    "load.vendor_file_name": ("文件名为 {stem}，但内容是厂商 {id}", "file is named {stem} but holds vendor {id}"),
    "load.vendor_id_taken": ("厂商 id {id} 已被 {other} 使用", "vendor id {id} is also used by {other}"),
    "rule.id_in_both": ("规则 id {id} 也被一条赛道判定规则使用（{at}）", "rule id {id} is used by an eligibility rule too ({at})"),
    "rule.conformance_unknown": ("{item}：{key} 中的 {name} 不存在", "{item}: {key} names {name}, which does not exist"),
    "rule.duplicate_id": ("规则 id {id} 重复（首次出现在 {at}）", "duplicate rule id {id} (first at {at})"),
    "rule.case_only_id": ("规则 id {id} 与 {other} 只有大小写不同（首次出现在 {at}）",
                          "rule id {id} differs only in case from {other} (first at {at})"),
    "hint.rule_ids_case": ("规则 id 不能只靠大小写区分", "rule ids must differ in more than case"),
    "rule.reads_unset": ("规则 {id} 读取 {field}，但没有规则设置它", "rule {id} reads {field}, which no rule sets"),
    "hint.add_setter": ("请增加一条设置它的规则", "add a rule that sets it"),
    "rule.cycle": ("规则之间循环依赖：{cycle}", "rules depend on each other in a cycle: {cycle}"),
    "rule.policy_gap": ("规则 {id} 设置 {kind} 为 {value}，但 policy.yaml 没有为它排序",
                        "rule {id} sets {kind} {value}, which policy.yaml does not order"),
    "hint.policy_gap": ("请在 policy.yaml 的 conflicts.{kind} 中加入 {value}", "add {value} to conflicts.{kind} in policy.yaml"),
    "rule.unknown_field": ("未知字段 {field}", "unknown field {field}"),
    "rule.operator_kind": ("运算符 {op} 不适用于{kind}字段 {field}", "operator {op} does not apply to {kind} field {field}"),
    "rule.not_a_value": ("{value} 不是 {field} 的取值", "{value} is not a value of {field}"),
    "rule.takes_number": ("{field} 取数字，而不是 {value}", "{field} takes a number, not {value}"),
    "rule.number_range": ("{field} 取 {low} 到 {high} 之间的值，而不是 {value}", "{field} takes values from {low} to {high}, not {value}"),
    "rule.number_decimals": ("{field} 最多 {places} 位小数，而不是 {value}", "{field} takes at most {places} decimal places, not {value}"),
    # model validators (engine/model/)
    "model.control_character": ("文本中不允许控制字符 {code}", "control character {code} is not allowed in text"),
    "model.decimals": ("最多 {places} 位小数，而不是 {value}（例如 {example}）",
                       "takes at most {places} decimal places, not {value} (e.g. {example})"),
    "model.assessment_reason": ("来源为 `assessment` 时需要 `reason`（中英文）", "an `assessment` source needs a `reason` (zh and en)"),
    "model.bad_source": ("来源 {source} 必须是 `report:§01`…`report:§05` 加出处，或 `assessment`",
                         "source {source} must be `report:§01`…`report:§05` plus where, or `assessment`"),
    "model.bool_condition": ("{field}：true/false 不是条件取值；请用该字段自己的取值",
                             "{field}: true/false are not condition values; use the field's own values"),
    "model.condition_shape": ("条件只能是 `all`、`any`、`not` 或 `field`+`op`+`value` 之一",
                              "a condition is exactly one of `all`, `any`, `not`, or `field`+`op`+`value`"),
    "model.leaf_needs": ("叶子条件需要同时有 `field` 和 `op`", "a leaf condition needs both `field` and `op`"),
    "model.exists_no_value": ("`exists` 不带 `value`", "`exists` takes no `value`"),
    "model.op_needs_value": ("`{op}` 需要 `value`", "`{op}` needs a `value`"),
    "model.in_list": ("`in` 的 `value` 是列表；其他运算符取单个值", "`in` takes a list `value`; other operators take a single value"),
    "model.one_effect": ("`then` 只能取以下之一：verdict、criterion、track、supplier_type、note、exclude、score",
                         "`then` takes exactly one of: verdict, criterion, track, supplier_type, note, exclude, score"),
    "model.conflict_order": ("conflicts 必须为以下各项声明顺序：{kinds}", "conflicts must declare an order for: {kinds}"),
    "model.weights_all_five": ("权重需要 D1–D5 全部五项；缺少 {missing}", "weights need all of D1–D5; missing {missing}"),
    "model.weights_zero": ("权重不能全为零", "weights must not all be zero"),
    "model.weights_segments": ("每个客群都需要权重；缺少 {missing}", "weights for every segment are needed; missing {missing}"),
    "model.tie_break": ("tie_break 必须列出 score、F 和 vendor，各一次", "tie_break must list score, F and vendor, each once"),
    "model.cards_range": ("卡数必须在 1 到 {limit} 之间，小的数在前", "cards must be 1 to {limit}, the smaller number first"),
    "model.cards_order": ("{value}：请把小的数写在前面，如 {example}", "{value}: write the smaller number first, e.g. {example}"),
    "model.cards_shape": ("应为卡数（如 8）、范围（如 4-16）或 unknown", "expected a card count such as 8, a range such as 4-16, or unknown"),
    "model.conformance_encoded": ("请给出 `encoded_by`、`context` 或 `risks`，否则给出 `not_encoded` 及原因",
                                  "give `encoded_by`, `context` or `risks`, or else `not_encoded` with the reason"),
    # validation (engine/loader/validate.py, suggest.py)
    "hint.did_you_mean": ("是不是想写 {choice}？", "did you mean {choice}?"),
    "hint.allowed": ("可选：{choices}", "allowed: {choices}"),
    "hint.allowed_more": ("可选：{choices} 等（共 {n} 个）", "allowed: {choices}, … ({n} in all)"),
    "load.unknown_key": ("未知的键 {key}（位于 {at}）", "unknown key {key} at {at}"),
    "load.unknown_key_top": ("未知的键", "unknown key"),
    "load.missing_key": ("缺少必需的键 {key}", "missing required key {key}"),
    "load.not_allowed": ("{key}：不允许取值 {value}", "{key}: {value} is not allowed"),
    "load.not_yes_no": ("{key}：{value} 不是是/否回答", "{key}: {value} is not a yes/no answer"),
    "hint.yes_no": ("请写 true 或 false；客户画像还可以写 unknown", "write true or false; a buyer profile also takes unknown"),
    "load.top_not_mapping": ("文件顶层必须是映射（键: 值 的各行），而不是{found}",
                             "the file must be a mapping (key: value lines) at the top, not {found}"),
    "load.not_mapping_of": ("{key}：{value} 不是映射；应为 {{{keys}}}", "{key}: {value} is not a mapping; expected {{{keys}}}"),
    "load.wrong_type": ("{key}：{value} 不是{expected}", "{key}: {value} is not {expected}"),
    "load.at_key": ("{key}：{problem}", "{key}: {problem}"),
    "type.number": ("数字", "a number"),
    "type.whole_number": ("整数", "a whole number"),
    "type.text": ("文本", "text"),
    "type.mapping": ("映射（键: 值 的各行）", "a mapping (key: value lines)"),
    "type.list": ("列表", "a list"),
    "type.bool": ("布尔值", "a boolean"),
    "type.other": ("其他类型的值", "a value of another type"),
    "hint.profile_choices": ("请给出 YAML 文件或以下之一：{ids}", "give a YAML file or one of: {ids}"),
    # loading files (engine/loader/yaml_source.py)
    "load.directory": ("是目录，不是 YAML 文件", "is a directory, not a YAML file"),
    "load.not_regular": ("不是普通文件（管道、设备或套接字）", "is not a regular file (a pipe, device or socket)"),
    "hint.give_yaml": ("请给出一个 YAML 文件", "give a YAML file"),
    "load.not_found": ("找不到文件", "file not found"),
    "hint.check_path": ("请检查路径", "check the path"),
    "load.cannot_read": ("无法读取文件：{reason}", "cannot read file: {reason}"),
    "load.too_big": ("文件超过 {limit} 字节的上限", "file is over {limit} bytes, the limit"),
    "load.not_utf8": ("不是有效的 UTF-8（字节 {byte}）", "not valid UTF-8 (byte {byte})"),
    "hint.save_utf8": ("请以 UTF-8 保存文件", "save the file as UTF-8"),
    "load.bad_character": ("YAML 中不允许字符 {code}", "character {code} is not allowed in YAML"),
    "hint.remove_control": ("请删除控制字符", "remove control characters"),
    "hint.tabs": ("请用空格缩进：YAML 不允许制表符", "indent with spaces: YAML does not allow tabs"),
    "load.malformed": ("YAML 格式错误：{problem}", "malformed YAML: {problem}"),
    "load.too_deep_to_read": ("嵌套过深，无法读取", "nested too deeply to read"),
    "hint.nesting": ("嵌套请少于 {depth} 层", "keep nesting under {depth} levels"),
    "load.empty": ("文件是空的", "the file is empty"),
    "hint.expected_mapping": ("需要一个 YAML 映射（键: 值）", "expected a YAML mapping"),
    "load.alias_bomb": ("文档展开后超过 {limit} 个值（别名炸弹？）", "document expands to more than {limit} values (alias bomb?)"),
    "hint.aliases": ("请删除重复的别名", "remove repeated aliases"),
    "load.too_deep": ("嵌套超过 {depth} 层", "nested deeper than {depth} levels"),
    "hint.flatten": ("请减少嵌套", "flatten the structure"),
    "load.merge_key": ("不支持合并键（<<）", "merge keys (<<) are not supported"),
    "hint.write_keys": ("请逐个写出各键", "write the keys out"),
    "load.complex_key": ("映射的键必须是简单标量", "mapping keys must be plain scalars"),
    "load.duplicate_key": ("键 {key} 重复", "duplicate key {key}"),
    "hint.key_once": ("每个键只能出现一次", "each key may appear once"),
    "load.not_decimal": ("{value} 不是十进制数", "{value} is not a decimal number"),
    "hint.decimal": ("请用十进制书写数字，如 12 或 0.5", "write numbers in decimal, e.g. 12 or 0.5"),
    "load.bad_scalar": ("{value} 不是有效的 {kind}", "{value} is not a valid {kind}"),
    "hint.bool": ("布尔值为 true 或 false", "a boolean is true or false"),
    "hint.int": ("请写整数", "write a whole number"),
    "hint.float": ("请写小数", "write a decimal number"),
    "load.bad_tag": ("不允许使用标签 {tag}", "tag {tag} is not allowed"),
    "hint.plain_yaml": ("只能用普通 YAML（字符串、数字、布尔值、null、列表、映射）",
                        "only plain YAML (strings, numbers, booleans, null, lists, mappings)"),
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
    "check.title": ("第三方普惠智算云赛道判定（华南）", "Track eligibility: third-party inclusive AI compute cloud (South China)"),
    "check.legend": (
        "✓ 满足  ◐ 部分（按占比计入）  ✗ 不满足  ? 未判定；F = S×R×T×P×A×C，数值为评估值",
        "✓ met  ◐ partial (counts by share)  ✗ not met  ? undetermined; F = S×R×T×P×A×C, an assessed figure",
    ),
    "check.overridden": ("（资料记录为“{recorded}”，已被规则 {rule} 依据事实改判；以上证据是记录的依据）",
                         "(recorded as {recorded}; the rule {rule} decided otherwise from the facts; the evidence above is the record's)"),
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
    "trace.not_evaluated": ("数据未知，未评估", "data unknown, not evaluated"),
    "trace.overridden": ("被 {winner} 覆盖", "overridden by {winner}"),
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
    "rank.legend": ("† 依据的是我们的评估，不是报告给出的数字或事实；D1–D5 评分均为评估值",
                    "† rests on our assessment, not on a figure or fact the report states; every D1–D5 rating is an assessment"),
    "rank.no_risks": ("报告没有为该厂商列出挑战（无 §04 专节）", "the report names no challenges for this vendor (no §04 section)"),
    "rank.city_other": ("城市 {city!r} 不在报告政策点名的城市中（{known}），只显示全省的报告内容",
                        "city {city!r} is not one the report's policies name ({known}); only province-wide context is shown"),
    "rank.inputs": ("客户信息", "Buyer inputs"),
    "rank.unknown_inputs": ("未知（读取它们的规则未作判定，不按默认值猜测）：{fields}",
                            "unknown (rules that read them were not evaluated; nothing is guessed): {fields}"),
    "rank.unused_inputs": ("没有规则读取：{fields}", "not used by any rule: {fields}"),
    "rank.risks": ("风险（报告 §04 所列挑战）", "Risks (the report's §04 challenges)"),
    "rank.context": ("与该客户相关的报告内容", "What the report says for this buyer"),
    "rank.unassessed": ("报告点名但未评估的厂商（不参与排名）", "Named by the report but not assessed (not ranked)"),
    "rank.needs_data": ("需要这些资料才能评估：{fields}", "would need data for: {fields}"),
    "rank.undecided": ("回答这些问题可判定更多规则（括号内为规则数，详见 JSON 的 undecided）：{answers}",
                       "answers that would decide more rules (rules waiting on each; JSON `undecided` lists them): {answers}"),
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
    "error.internal": ("内部错误：{message}（加 --debug 查看堆栈）", "internal error: {message} (run with --debug for the traceback)"),
    "error.engine_missing": ("规则引擎 durable_rules 未安装（{reason}）；安装命令：{command}",
                             "the rule engine durable_rules is not installed ({reason}); install it with: {command}"),
    "error.engine_broken": ("规则引擎 durable_rules 无法导入（{reason}）；重新构建：{command}",
                            "the rule engine durable_rules cannot be imported ({reason}); rebuild it with: {command}"),
    "error.output": ("zhisuan：无法写出结果：{reason}", "zhisuan: cannot write the output: {reason}"),
    "error.interrupted": ("已中断", "interrupted"),
    "error.unknown_vendor": ("未知厂商 {id!r}", "unknown vendor {id!r}"),
    "error.unknown_rule": ("未知规则 {id!r}", "unknown rule {id!r}"),
    "label.share": ("占比", "share"),
    "label.rating": ("评分", "rating"),
    "label.weight": ("权重", "weight"),
    "col.advice": ("建议条目", "Advice"),
    "col.section": ("章节", "Section"),
    "col.quote": ("报告原文", "The report's words"),
    "col.encoding": ("如何编码", "Encoded as"),
    "advice.encoded_by": ("规则 {ids}", "rules {ids}"),
    "advice.context": ("报告背景 {ids}", "report context {ids}"),
    "advice.risks": ("风险提示 {ids}", "risks shown for {ids}"),
    "advice.not_encoded": ("未编码：{why}", "not encoded: {why}"),
    "advice.summary": ("{n} 条建议：{encoded} 条已编码，{not_encoded} 条未编码（附原因）",
                       "{n} advice items: {encoded} encoded, {not_encoded} not encoded (with the reason)"),
    "hint.see_help": ("见 --help", "see --help"),
    "hint.rules_list": ("用 `zhisuan rules list` 查看全部规则", "see `zhisuan rules list` for every rule"),
    "error.duplicate_vendor": ("两个不同的厂商使用同一 id {id!r}", "two different vendors share the id {id!r}"),
    "hint.rename_id": ("请改用未被占用的 id", "give this vendor an id of its own"),
    "hint.vendor_ids": ("可用：{ids}", "available: {ids}"),
}


@dataclass(frozen=True)
class Msg:
    """A catalogue message not yet rendered: its key and the values it takes."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The message in `lang`; values that are themselves messages are rendered too."""
        values = {k: (v.text(lang) if isinstance(v, Msg) else v) for k, v in self.params.items()}
        return msg(self.key, lang, **values)

    def __str__(self) -> str:
        return self.text("en")


def M(key: str, /, **params: object) -> Msg:  # noqa: N802 - short on purpose at raise sites
    """A message for `key` with `params`, rendered later in the user's language."""
    if key not in MESSAGES:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Msg(key, params)


class Problem(ValueError):
    """A validation problem raised inside a model, carrying its catalogue message."""

    def __init__(self, message: Msg):
        super().__init__(str(message))
        self.msg = message


def msg(key: str, lang: str, /, **kwargs: object) -> str:
    """The message `key` in `lang`, formatted with kwargs."""
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kwargs)


def value_label(value: str, lang: str) -> str:
    """A track, type or status value in `lang` (the raw value if it has no label)."""
    key = f"value.{value}"
    return msg(key, lang) if key in MESSAGES else value
