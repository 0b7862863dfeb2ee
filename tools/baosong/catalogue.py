"""Every finding code: severity, title, message templates and the paragraph the site documents.

The site's 错误代码说明 page and the tests are generated from / checked against this one table.
Templates are ``str.format`` strings; ``{field}`` is the front-matter key (or None).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import ERROR, WARNING


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    title: str
    doc: str
    messages: dict[str, str] = field(default_factory=dict)


_CODES = [
    # --- files -------------------------------------------------------------------------------
    Code(
        "F01",
        ERROR,
        "文件不是 UTF-8 编码",
        "报送文件必须是 UTF-8 编码（可以带 BOM，换行可以是 CRLF）。GBK、Big5、UTF-16 以及含有空字符（NUL）的文件都不行。"
        "用记事本或 WPS 另存时选择“UTF-8”编码；也可以运行 `baosong fix 文件` 自动转换 GBK 文件。",
        {
            "default": "文件不是 UTF-8 编码（看起来是 {guess}）：请另存为 UTF-8，或运行 baosong fix 自动转换",
            "other": "文件不是 UTF-8 编码（看起来是 {guess}）：请另存为 UTF-8（用记事本或 WPS 打开，“另存为”时选择 UTF-8 编码）",
        },
    ),
    Code(
        "F02",
        ERROR,
        "缺少开头的信息栏（front matter）",
        "文件第一行必须是三个减号 `---`，然后逐行填写标题、单位等字段，再用一行 `---` 结束，之后才是正文。请照着报送模板填写。",
        {
            "default": "文件第一行必须是 ---：请从报送模板复制开头的信息栏（两行 --- 之间填写标题、单位等字段）",
            "unclosed": "信息栏没有结束：请在最后一个字段（如 tags）后面单独加一行 ---，再写正文",
            "dots": "信息栏要用一行 --- 结束，不能用 ...：请把 ... 改成 ---",
        },
    ),
    Code(
        "F03",
        ERROR,
        "信息栏格式错误（YAML）",
        "两行 `---` 之间每行写成 `字段名: 值`，冒号是英文半角冒号并在后面留一个空格；列表写成 `[词一, 词二]`。出错时对照模板逐行检查所指的行。",
        {
            "default": "第 {line} 行附近信息栏格式错误（{detail}）：每行应写成“字段名: 值”，冒号为英文半角并后跟一个空格，请对照模板修改",
            "nospace": "第 {line} 行“{key}:”后面缺少空格：请在冒号后加一个空格，写成“{key}: …”",
            "misread": "第 {line} 行{name}{what}：请用英文引号把整个值括起来，写成 {fixed}（运行 baosong fix 可自动加上引号）",
            "comment": "第 {line} 行{name}{what}：如果这是值的一部分，请用英文引号把整个值括起来，写成 {fixed}（运行 baosong fix 可自动加上引号）；如果只是说明，请把它移到单独一行",
            "list": "第 {line} 行{name}{what}：请写成列表 {fixed}（运行 baosong fix 可自动改成列表）",
        },
    ),
    Code(
        "F04",
        ERROR,
        "信息栏里用了全角标点",
        "信息栏的字段名后面必须用英文半角冒号 `:`，缩进和冒号后面用半角空格，列表用半角 `[ ]` 和逗号。正文里的全角标点不受影响。`baosong fix` 可以自动改正。",
        {
            "colon": "第 {line} 行“{key}”后面用了全角冒号“：”：请改为英文半角冒号和一个空格，写成“{key}: …”",
            "space": "第 {line} 行用了全角空格：信息栏里的空格必须是半角空格，请删除后重新用空格键输入",
            "list": "第 {line} 行“{key}”的列表用了全角标点（{chars}）：请改用英文半角的 [ ] 和逗号，例如 {key}: [词一, 词二]",
        },
    ),
    Code(
        "F05",
        ERROR,
        "信息栏不是“字段: 值”的形式",
        "信息栏必须是若干行 `字段名: 值`。如果整段只是一句话或一个列表，请对照模板重写。",
        {"default": "信息栏不是“字段名: 值”的形式：请对照模板，每行写一个字段，例如 title: 标题"},
    ),
    Code(
        "F06",
        ERROR,
        "文件名或存放位置不对",
        '报送文件放在 `submissions/单位代号/年份/` 下，文件名为 `日期-简短标题.md`，例如 `2026-11-25-召开安全生产会议.md`。文件名不能有空格和 `/ \\ : * ? " < > |`，总长不超过 80 个字符；年份文件夹必须和日期的年份一致。',
        {
            "name": "文件名“{name}”不对：应为“日期-简短标题.md”，例如 2026-11-25-召开安全生产会议.md",
            "name_fix": "文件名“{name}”不对：应为“日期-简短标题.md”，请改名为 {new}（新文件可运行 baosong fix --rename 自动改名）",
            "suffix": "扩展名“{ext}”要改成小写 .md：请改名为 {new}（新文件可运行 baosong fix --rename 自动改名）",
            "chars": '文件名“{name}”含有不允许的字符（{chars}）：请删除空格和 / \\ : * ? " < > | 等符号{rename}（新文件可运行 baosong fix --rename 自动改名）',
            "long": "文件名有 {length} 个字符，超过 80 个：请把标题部分缩短{rename}",
            "year": "文件放在 {folder} 年文件夹里，但日期是 {year} 年：请移到 submissions/{unit}/{year}/ 下",
            "place": "文件位置不对：报送文件应放在 submissions/单位代号/年份/ 下，例如 submissions/mengwang/2026/2026-11-25-标题.md",
            "nfc": "文件名的汉字编码不规范（不是 NFC）：请重新输入文件名{rename}",
        },
    ),
    Code(
        "F07",
        ERROR,
        "不是普通文件",
        "仓库里的报送和附件必须是普通文件。符号链接、设备文件等会被拒绝，也不会发布。",
        {"default": "这不是普通文件（{kind}）：请删除它，直接上传文件本身"},
    ),
    Code(
        "F08",
        ERROR,
        "文件太大",
        "报送正文文件最大 200 KB；图片、PDF 附件每个最大 5 MB。图片请先压缩，长文档请拆分或只附摘要。",
        {"default": "文件有 {size}，超过上限 {limit}：请压缩图片或精简内容后再提交"},
    ),
    Code(
        "F09",
        ERROR,
        "文件类型不允许",
        "报送文件夹里只能放 `.md` 报送文件和 `.png .jpg .jpeg .gif .webp .pdf` 附件。Word 文档请先用 `baosong import` 转换。",
        {
            "default": "不允许的文件类型“{ext}”：报送只能是 .md，附件只能是 .png .jpg .jpeg .gif .webp .pdf",
            "docx": "Word 文档不能直接提交：请运行 baosong import 转换成报送文件，或在网页编辑器里新建报送后粘贴正文",
        },
    ),
    Code(
        "F10",
        ERROR,
        "信息栏用了 YAML 锚点、别名或标签",
        "信息栏不允许出现 `&名字`、`*名字`、`!!类型` 这类 YAML 高级写法。请把值直接写出来。",
        {
            "default": "第 {line} 行用了 YAML 的{what}：信息栏不允许这种写法，请把值直接写出来",
            "misread": "第 {line} 行{name}{what}：请用英文引号把整个值括起来，写成 {fixed}（运行 baosong fix 可自动加上引号）",
            "tag": "第 {line} 行{name}{what}：信息栏不需要标明类型，请删掉它，写成 {fixed}（运行 baosong fix 可自动删掉）",
        },
    ),
    Code(
        "F11",
        ERROR,
        "字段重复",
        "同一个字段只能写一次。删除重复的那一行。",
        {"default": "字段“{field}”写了两次（第 {first} 行和第 {line} 行）：请删除多余的一行"},
    ),
    Code(
        "F14",
        ERROR,
        "信息栏里有看不见的字符或形似英文字母的字符",
        "从微信、网页或 Word 复制的文字常带有看不见的字符：不换行空格（U+00A0）、零宽空格（U+200B）、"
        "字节顺序标记（U+FEFF）、从左到右标记（U+200E）等；字段名和单位代号里也可能混进形似英文字母的全角字母或西里尔字母（如 а、е、о）。"
        "它们会让字段名、单位代号或日期看上去正确却对不上。检查结果写明字段、行号、字符的编号和名称以及所在位置。"
        "`baosong fix` 会删除看不见的字符、把其他空白改成普通空格、把形似的字母换成英文字母，并列出每一处修改。",
        {
            "space": "第 {line} 行{name}{place}有 {char}：它看起来像空格，其实不是普通空格，请删掉它后用空格键重新输入；或运行 baosong fix 自动改正",
            "format": "第 {line} 行{name}{place}有看不见的字符 {char}（常见于从微信、网页复制的文字）：请删除它；或运行 baosong fix 自动删除",
            "lookalike": "第 {line} 行{name}{place}有形似英文字母的字符 {char}：请切换到英文输入法重新输入，写成“{fixed}”；或运行 baosong fix 自动改正",
        },
    ),
    # --- metadata ------------------------------------------------------------------------------
    Code(
        "M01",
        ERROR,
        "缺少必填字段",
        "必填字段：title、unit、reporter、reviewed_by、date、event_date、type、category、sensitivity。"
        "信息栏是空的（两行 --- 之间什么也没写）时，每个必填字段各报一次。"
        "检查结果指向该加这一行的位置（信息栏结束的 --- 那一行），示例值尽量取自这条信息本身（文件名的日期、文件夹的单位代号、"
        "当日在任的信息员），类型、类别和公开属性列出可选的值和含义。",
        {
            "default": "缺少必填字段“{field}”（{label}）：请在第 {line} 行的 --- 上面加一行 {field}: {example}{choices}",
            "blank": "第 {line} 行“{field}”（{label}）是空的：请在冒号后面填写，例如 {field}: {example}{choices}",
        },
    ),
    Code(
        "M02",
        ERROR,
        "字段格式不对",
        "日期写成 `YYYY-MM-DD`（如 `2026-11-25`），必须是真实日期；tags 写成列表 `[词一, 词二]`；其他字段是一行文字。",
        {
            "date": "“{field}”的值“{value}”不是有效日期：请写成 YYYY-MM-DD，例如 {field}: {example}",
            "date_form": "“{field}”的日期“{value}”要写成“年-月-日”的格式：请写成 {field}: {iso}（运行 baosong fix 可自动改正）",
            "date_missing": "“{field}”的日期“{value}”不存在：{problem}，请核对后改正",
            "list_text": "“{field}”应是一个列表，不能是一行文字“{value}”：请写成 {fixed}（运行 baosong fix 可自动改正）",
            "text": "“{field}”应是一行文字，不能是列表或多级结构：请写成 {field}: 文字",
            "list": "“{field}”应是一个列表：请写成 {field}: [词一, 词二]",
            "list_item": "“{field}”列表里的每一项都应是一个词：请写成 {field}: [词一, 词二]",
            "empty": "“{field}”是空的：请填写内容",
        },
    ),
    Code(
        "M03",
        ERROR,
        "字段的值不在允许范围内",
        "type（信息类型）、category（信息类别）、sensitivity（公开属性）只能从 rules.yaml 规定的列表中选。出错时提示最接近的写法。",
        {"default": "“{field}”的值“{value}”不在允许范围内{hint}。请从这些值中选一个：{allowed}"},
    ),
    Code(
        "M04",
        ERROR,
        "不允许的字段",
        "信息栏只允许模板里的字段。网站主题使用的字段（template、hide、search、status、icon、description 等）不能写在报送里。",
        {"default": "不允许的字段“{field}”{hint}：请删除这一行（允许的字段：{allowed}）"},
    ),
    Code(
        "M05",
        ERROR,
        "单位不对",
        "`unit` 必须是 units.yaml 里登记的单位代号，并且与文件所在的文件夹一致。新单位请联系党政办登记。",
        {
            "unknown": "unit（单位代号）“{value}”未登记{hint}：请填写 units.yaml 中登记的单位代号",
            "folder": "unit 写的是“{value}”，但文件放在“{folder}”文件夹里：两者必须一致",
            "folder_unknown": "文件夹“{folder}”不是 units.yaml 里登记的单位代号（unit）：请放到本单位的文件夹里，或联系党政办登记单位",
        },
    ),
    Code(
        "M06",
        ERROR,
        "信息员不对",
        "`reporter` 必须是该单位在报送日期当天在任的信息员（见 units.yaml）。信息员变动请先报党政办更新登记。",
        {
            "default": "reporter（信息员）“{value}”不是{unit}在 {date} 在任的信息员{hint}：请填写登记的信息员姓名，或先请党政办更新登记"
        },
    ),
    Code(
        "M07",
        ERROR,
        "审核人不对",
        "`reviewed_by` 必须是该单位在报送日期当天在任的审核人（主管信息工作负责人）。",
        {"default": "reviewed_by（审核人）“{value}”不是{unit}在 {date} 在任的审核人{hint}：请填写登记的审核人姓名"},
    ),
    Code(
        "M08",
        ERROR,
        "日期与文件名不一致",
        "`date`（报送日期）必须和文件名开头的日期相同。",
        {"default": "date 是 {value}，文件名里的日期是 {name_date}：两者必须一致，请改正其中之一"},
    ),
    Code(
        "M09",
        ERROR,
        "日期不合理",
        "`event_date`（发生日期）不能晚于 `date`（报送日期）；报送日期不能晚于今天。",
        {
            "event": "发生日期 event_date（{value}）晚于报送日期 date（{date}）：请检查两个日期",
            "future": "报送日期 date（{value}）晚于今天（{today}）：请填写实际报送的日期",
        },
    ),
    Code(
        "M10",
        ERROR,
        "标题长度不对或正文为空",
        "标题 5 到 60 个字，其中至少 5 个汉字、字母或数字（符号和表情不算）；正文不能为空。",
        {
            "title": "标题 title 有 {length} 个字，应为 5 到 60 个字：请{advice}",
            "body": "正文是空的：请在信息栏结束的 --- 下面写正文",
            "title_words": "标题 title 里只有 {count} 个汉字、字母或数字（符号、表情和空格不算），至少要 5 个：请用文字写清楚谁、做了什么",
        },
    ),
    Code(
        "M11",
        ERROR,
        "引用的信息或约稿不存在",
        "`follows`（续报的上一条信息）写成 `单位代号/年份/文件名（不含 .md）`；`request`（回应的约稿）写约稿编号，见报送要点页面。",
        {
            "follows": "follows 指向的信息“{value}”不存在：请写成 单位代号/年份/文件名（不含 .md），例如 baka/2026/2026-08-03-山体滑坡",
            "request": "request 指向的约稿“{value}”不存在{hint}：请写报送要点页面上的约稿编号",
            "self": "follows 不能指向自己：请写上一条信息的编号",
        },
    ),
    Code(
        "M12",
        WARNING,
        "可能重复报送",
        "同一单位有另一条标题相同的信息。如果是续报，请改标题并填写 `follows`。",
        {"default": "本单位已有标题 title 相同的信息（{other}）：如果是同一件事的续报，请改标题并填写 follows"},
    ),
    Code(
        "M13",
        ERROR,
        "还没有改模板里的示例文字",
        "照着报送模板（或网站上的“新建报送”）新建文件后，要把模板里的示例文字换成这条信息自己的内容："
        "标题“在这里写标题”、单位代号、信息员和审核人姓名、文件名里的“简短标题”，以及正文里的“在这里写正文……”那几行。"
        "示例文字以仓库里的 site_config/templates/submission.md 为准。",
        {
            "field": "还没有改模板里的示例文字：{name}还是模板里的“{value}”，请填写这条信息自己的内容",
            "slug": "还没有改模板里的示例文字：文件名里还是“{slug}”，请把文件改名为 {new}（用标题里的几个字，不要空格）",
            "body": "还没有改模板里的示例文字：第 {line} 行正文还是模板里的“{text}”，请删掉这几行，换成这条信息的正文",
        },
    ),
    Code(
        "M14",
        ERROR,
        "正文引用的附件不存在或类型不允许",
        "正文里的图片 `![说明](文件名.jpg)` 和链接 `[说明](文件名.pdf)` 用相对路径引用本单位文件夹里的附件时，"
        "这个文件必须已经上传到仓库，扩展名只能是 .png .jpg .jpeg .gif .webp（图片）或 .pdf，文件名（含大小写）要完全一致。"
        "找不到的附件会让网站上出现破图，所以有这个错误的信息不会发布。",
        {
            "missing": "第 {line} 行的{what}“{target}”找不到文件 {file}{hint}：请把文件上传到 {folder}/ 文件夹，或改正文件名（大小写、扩展名都要一致）",
            "type": "第 {line} 行的{what}“{target}”不是允许的附件类型（{ext}）：{kinds}；Word、Excel 文件请转成 PDF 上传后再引用",
            "outside": "第 {line} 行的{what}“{target}”指向 submissions/ 以外的文件：附件请上传到 {folder}/ 文件夹，再写文件名引用",
        },
    ),
    # --- sensitive content -----------------------------------------------------------------------
    Code(
        "S01",
        ERROR,
        "不能通过本系统报送的密级或公开属性",
        "“不宜公开”的信息由单位负责人审定后，用纸质件加 U 盘报送党政办，不得通过本系统报送；涉密信息严格按照保密规定办理，绝不能通过本系统报送。",
        {
            "unsuitable": "sensitivity 为“{value}”：不宜公开的信息不能通过本系统报送，请经单位负责人审定后用纸质件加 U 盘报送党政办，并删除本文件",
            "secret": "sensitivity 为“{value}”：涉密信息绝不能通过本系统报送，请立即删除本文件，按保密规定办理",
        },
    ),
    Code(
        "S02",
        ERROR,
        "正文中有密级或内部资料标志",
        "标题或正文出现密级标志（如“绝密★启用前”“机密★1年”“秘密★10年”“密级：秘密”“保密期限：5年”，星号全角、半角、空心或带空格都算），"
        "或“内部资料 注意保存”“【内部资料】”“本材料为内部资料”等标志，说明材料不能公开报送：请删除整条信息，按保密规定办理。"
        "只是在文中提到“商业秘密”“保守国家秘密”“绝密档案”等词语不算标志。",
        {
            "default": "第 {line} 行有密级或内部资料标志“{excerpt}”：带这类标志的材料不能通过本系统报送，请删除整条信息并按保密规定办理"
        },
    ),
    Code(
        "S03",
        ERROR,
        "正文中有身份证号",
        "标题或正文里有校验位正确（GB 11643）、出生日期真实的 18 位公民身份号码；15 位旧号码在“身份证”等字样旁边时也算。"
        "全角数字、用空格或横线隔开的号码同样能查出。报告里只显示打码后的号码（如 530925********0013）。个人信息不得报送：请删除号码，"
        "必要时只写姓氏或“某某”。",
        {"default": "第 {line} 行有身份证号（{excerpt}）：个人信息不得报送，请删除这个号码"},
    ),
    Code(
        "S04",
        ERROR,
        "正文中有银行卡号",
        "16 到 19 位、通过 Luhn 校验的银行卡号；不通过校验但紧挨着“卡号”“银行卡”“账号”“帐号”等字样的 16 到 19 位数字也算（有的借记卡号不符合 Luhn 校验）。"
        "订单号、流水号、编号等标明用途的数字不算。请删除卡号，需要时写“尾号 1234”。",
        {"default": "第 {line} 行有银行卡号或账号（{excerpt}）：个人账户信息不得报送，请删除；需要时只写“尾号”后四位"},
    ),
    Code(
        "S05",
        WARNING,
        "正文中有手机号",
        "11 位手机号（1 开头、第二位 3–9，可带 +86，可用空格或横线分开）属于个人信息，请删除。"
        "确需公布的单位公开电话，请党政办加入 rules.yaml 的 `scan.allow`，之后不再提醒。",
        {
            "default": "第 {line} 行有手机号（{excerpt}）：个人手机号请删除；如果是公开的办公电话，请党政办加入 scan.allow"
        },
    ),
    Code(
        "S06",
        WARNING,
        "敏感词",
        "rules.yaml 的 `scan.words` 列出需要注意的词语（如“内部传阅”“不得外传”“未经审定”），每个词有自己的严重程度（error 或 warning）和处理提示，"
        "党政办可以增删。没有配置时使用系统自带的默认词表。",
        {"default": "第 {line} 行有需要注意的词语“{word}”：{advice}"},
    ),
    Code(
        "S07",
        WARNING,
        "未定事项或草稿字样",
        "“征求意见稿”“讨论稿”“草案”“尚未决定”“拟于”等字样说明事项还在讨论、尚未决定，按规定不得报送：请等事项确定后再报，"
        "计划中的工作请写“计划于”“将于”。“模拟于”“讨论稿件”以及“不得报送尚未决定的事项”这类引用规定的句子不算。",
        {
            "default": "第 {line} 行有“{word}”：尚在讨论、未决定的事项不得报送，请确认事项已经确定后再报（计划中的工作可写“计划于”“将于”）"
        },
    ),
    Code(
        "S08",
        ERROR,
        "正文中有 HTML、脚本或不允许的链接",
        "正文只能用 Markdown。不能写 HTML 标签或注释（如 `<span>`、`<script>`、`<!-- -->`），不能用 `{ onclick=... }`、`{ style=... }` 给文字加属性；"
        "链接只能是 http、https、mailto 或仓库里的相对路径（不能用 javascript:、data:、vbscript:、file: 等，也不能以 // 开头）；"
        "图片只能用相对路径引用本单位文件夹里的图片，不能引用外部网址或以 / 开头的路径。检查时按网站的排版方式排版正文，"
        "结构异常复杂、几秒内排不完的正文也会报告。",
        {"default": "第 {line} 行：{detail}"},
    ),
    # --- timeliness ------------------------------------------------------------------------------
    Code(
        "T01",
        WARNING,
        "超过报送时限",
        "动态、会议、事件、新闻、突发事件当天报送；文件、报告 3 日内；其他 5 日内（从发生日期算起，见 rules.yaml）。",
        {
            "default": "{type}类信息应{deadline}，本条晚了 {late} 天（发生 {event_date}，报送 {date}）：请今后按时报送；如发生日期填错，请改正 event_date"
        },
    ),
    # --- changes -------------------------------------------------------------------------------
    Code(
        "C01",
        WARNING,
        "修改了已合并的信息",
        "本次提交修改了主分支上已有的信息，审核时请确认修改理由。",
        {"default": "修改了已合并的信息：审核人请确认修改理由"},
    ),
    Code(
        "C02",
        ERROR,
        "删除或改名了已合并的信息",
        "已合并的信息不能删除或改名。需要撤回请联系党政办。",
        {
            "deleted": "删除了已合并的信息：已合并的信息不能删除，需要撤回请联系党政办",
            "renamed": "把已合并的信息改名为 {new}：已合并的信息不能改名，请改回原文件名",
        },
    ),
    Code(
        "C03",
        WARNING,
        "修改了报送文件夹以外的文件",
        "配置、登记表、台账和程序只能由党政办修改，本次提交需要党政办审核。",
        {"default": "修改了 submissions/ 以外的文件：需要党政办审核"},
    ),
    Code(
        "C04",
        ERROR,
        "不是本单位信息员",
        "只能提交、修改自己所在单位的信息和附件（党政办审核人除外）。提交人取合并请求的作者或 `--actor`；"
        "不知道提交人时不检查本项，并在报告前提示。",
        {
            "default": "提交人 {actor} 不是{unit}今天在任的信息员：只能提交本单位的信息；信息员有变动请先请党政办更新 units.yaml"
        },
    ),
    Code(
        "C05",
        ERROR,
        "报送日期倒签",
        "新提交的信息，报送日期（date）只能是今天或昨天，不能倒签日期。修改已合并的信息不查本项。",
        {"default": "新提交的信息报送日期是 {value}，只能是今天（{today}）或昨天：请改为实际报送日期"},
    ),
    # --- registry, rules, ledgers -------------------------------------------------------------------
    Code(
        "U01",
        ERROR,
        "单位登记表缺失或格式错误",
        "仓库根目录必须有 units.yaml，格式见报送指南。",
        {"default": "{detail}", "missing": "找不到 units.yaml：请在仓库根目录建立单位登记表"},
    ),
    Code(
        "U02",
        WARNING,
        "单位没有在任信息员",
        "每个单位至少登记一名在任信息员，人员变动及时报党政办。",
        {"default": "{unit}今天没有在任的信息员：请尽快登记新的信息员"},
    ),
    Code(
        "U03",
        ERROR,
        "单位代号或账号重复",
        "单位代号不能重复；同一个 git 账号不能同时是两个单位的信息员或审核人。",
        {
            "unit": "单位代号“{value}”重复登记：每个单位代号只能出现一次",
            "git": "git 账号“{value}”同时登记在{units}：同一时间只能属于一个单位",
        },
    ),
    Code(
        "R01",
        ERROR,
        "报送规则配置错误",
        "site_config/rules.yaml 配置错误时，规则按默认值执行，并在这里列出问题。",
        {"default": "{detail}"},
    ),
    Code(
        "A01",
        ERROR,
        "台账记录有误",
        "office/adoptions/ 和 office/requests/ 的每条记录必须指向存在的信息、采用级别或约稿，并且字段齐全、日期有效。"
        "采用日期不能早于信息的报送日期；同一条信息的同一采用级别只能登记一次；台账文件的扩展名是 .yaml（不是 .yml）。",
        {"default": "第 {line} 行：{detail}", "file": "{detail}"},
    ),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
