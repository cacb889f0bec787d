//! The words of `cadre remind --send`: what would go where, what went, what failed, and why
//! a notify file is refused (never with its secrets).

use std::path::Path;

use super::Lang;

pub fn missing(lang: Lang, path: &Path) -> String {
    let p = path.display();
    lang.pick(
        format!("没有通知配置文件 {p}（写明 [dingtalk]、[wecom] 或 [smtp]，权限 0600；见 README）"),
        format!("no notify file at {p} (give [dingtalk], [wecom] or [smtp], mode 0600; see the README)"),
    )
}

pub fn too_open(lang: Lang, path: &Path, mode: u32) -> String {
    let p = path.display();
    lang.pick(
        format!("通知配置文件 {p} 含密钥，但组或其他用户可读（权限 {mode:o}）：请执行 chmod 600 {p}"),
        format!("the notify file {p} holds secrets but group or others may read it (mode {mode:o}): chmod 600 {p}"),
    )
}

pub fn invalid(lang: Lang, path: &Path, problem: &str) -> String {
    let p = path.display();
    lang.pick(format!("通知配置文件 {p} 有误：{problem}"), format!("the notify file {p} is wrong: {problem}"))
}

pub fn no_channel(lang: Lang, path: &Path) -> String {
    let p = path.display();
    lang.pick(
        format!("通知配置文件 {p} 没有任何渠道：请写明 [dingtalk]、[wecom] 或 [smtp]"),
        format!("the notify file {p} names no channel: give [dingtalk], [wecom] or [smtp]"),
    )
}

pub fn no_default_path(lang: Lang) -> &'static str {
    lang.pick(
        "找不到配置目录（HOME 与 XDG_CONFIG_HOME 均未设置）：请用 --notify 指定文件",
        "no config directory (neither HOME nor XDG_CONFIG_HOME is set): give --notify FILE",
    )
}

/// `钉钉群 → 张伟（E000123）@zhangwei：培训提醒（2 项）`.
pub fn would_send(
    lang: Lang,
    channel: &str,
    who: &str,
    address: Option<&str>,
    title: &str,
    items: usize,
) -> String {
    let at = address.map_or(String::new(), |a| format!(" <{a}>"));
    lang.pick(
        format!("{channel} → {who}{at}：{title}（{items} 项）"),
        format!("{channel} → {who}{at}: {title} ({items} item{})", if items == 1 { "" } else { "s" }),
    )
}

/// People no channel reaches: how many, and the first few by name.
pub fn unreachable(lang: Lang, n: usize, names: &str) -> String {
    lang.pick(
        format!("{n} 人无法单独提醒（通知配置 [recipients] 中没有其邮箱或钉钉/企业微信账号），其部门经理的汇总仍会发出：{names}"),
        format!("{n} people cannot be reminded themselves (no e-mail or DingTalk/WeCom id under [recipients]); their managers' digests still go: {names}"),
    )
}

pub fn failed(lang: Lang, channel: &str, who: &str, why: &str) -> String {
    lang.pick(format!("发送失败：{channel} → {who}：{why}"), format!("not sent: {channel} → {who}: {why}"))
}

/// The run's last line.
pub fn summary(lang: Lang, sent: usize, failed: usize, already: usize, dry_run: bool) -> String {
    match (lang, dry_run) {
        (Lang::Zh, true) => {
            format!("试运行：将发送 {sent} 条；今天已发送过的 {already} 条不再重发；未发送任何消息")
        }
        (Lang::En, true) => {
            format!("dry run: {sent} would be sent; {already} already sent today; nothing was sent")
        }
        (Lang::Zh, false) => format!("已发送 {sent} 条，失败 {failed} 条；今天已发送过的 {already} 条未重发"),
        (Lang::En, false) => {
            format!("{sent} sent, {failed} failed; {already} already sent today and not sent again")
        }
    }
}

pub fn some_failed(lang: Lang, n: usize) -> String {
    lang.pick(
        format!("{n} 条提醒未发出；再次运行只会补发这些"),
        format!("{n} reminder{} not sent; running again sends only those", if n == 1 { "" } else { "s" }),
    )
}

pub fn nobody(lang: Lang) -> &'static str {
    lang.pick("没有逾期或进度落后的学习，无需提醒", "nobody is overdue or behind: nothing to send")
}
