//! Reminders that reach people: `cadre remind --send` against a robot server and an SMTP
//! sink started here on 127.0.0.1 — DingTalk's signature checked, WeCom's body, e-mails
//! received, nothing sent twice on a day, a partial failure retried on the next run, a
//! notify file others may read refused.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use common::Store;
use hmac::{Hmac, Mac};

/// Requests a robot server received: path with query, and body.
type Seen = Arc<Mutex<Vec<(String, String)>>>;

/// A robot server: answers `{"errcode":0}`, or a DingTalk-style error for paths with `/fail`.
fn robots() -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut length = 0usize;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                if let Some(v) = header.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let path = request.split_whitespace().nth(1).unwrap_or_default().to_string();
            let answer = if path.contains("/fail") {
                r#"{"errcode":310000,"errmsg":"keywords not in content"}"#
            } else {
                r#"{"errcode":0,"errmsg":"ok"}"#
            };
            log.lock().unwrap().push((path, String::from_utf8(body).unwrap()));
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (port, seen)
}

/// An SMTP sink: takes every message, keeps the recipients and the data.
fn smtp_sink() -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen: Seen = Arc::default();
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let _ = stream.write_all(b"220 sink ESMTP\r\n");
            let mut to = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
                let reply: &[u8] = match verb.as_str() {
                    "EHLO" | "HELO" => b"250 sink\r\n",
                    "RCPT" => {
                        to = line.trim().to_string();
                        b"250 OK\r\n"
                    }
                    "DATA" => {
                        stream.write_all(b"354 go on\r\n").unwrap();
                        let mut data = String::new();
                        loop {
                            let mut l = String::new();
                            reader.read_line(&mut l).unwrap();
                            if l == ".\r\n" {
                                break;
                            }
                            data.push_str(&l);
                        }
                        log.lock().unwrap().push((to.clone(), data));
                        b"250 queued\r\n"
                    }
                    "QUIT" => {
                        let _ = stream.write_all(b"221 bye\r\n");
                        break;
                    }
                    _ => b"250 OK\r\n",
                };
                if stream.write_all(reply).is_err() {
                    break;
                }
            }
        }
    });
    (port, seen)
}

fn notify_file(
    s: &Store,
    robot: u16,
    smtp: u16,
    wecom_path: &str,
    recipients: &str,
    mode: u32,
) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let text = format!(
        "[dingtalk]\nwebhook = \"http://127.0.0.1:{robot}/robot/send?access_token=TOKEN\"\nsecret = \"SECtest\"\n\n\
         [wecom]\nwebhook = \"http://127.0.0.1:{robot}{wecom_path}?key=K\"\n\n\
         [smtp]\nhost = \"127.0.0.1\"\nport = {smtp}\nfrom = \"hr@example.com\"\nstarttls = false\n\n\
         [sending]\nattempts = 2\nbackoff_ms = 5\ninterval_ms = 0\n\n[recipients]\n{recipients}"
    );
    let path = s.file("notify.toml", &text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

fn count(seen: &Seen, needle: &str) -> usize {
    seen.lock().unwrap().iter().filter(|(p, _)| p.contains(needle)).count()
}

#[test]
fn reminders_go_out_once_a_day_signed_and_a_failure_is_sent_next_run() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "300"]);
    let list: serde_json::Value =
        serde_json::from_str(&s.ok(&["remind", "--json", "--on", "2026-11-20"])).unwrap();
    let first = &list[0];
    let person = first["employee_id"].as_str().unwrap().to_string();
    let manager = first["manager_id"].as_str().unwrap().to_string();
    let managers: std::collections::BTreeSet<&str> =
        list.as_array().unwrap().iter().filter_map(|r| r["manager_id"].as_str()).collect();
    let recipients = format!(
        "\"{person}\" = {{ email = \"p@example.com\", dingtalk = \"13800138000\", wecom = \"zw\" }}\n\"{manager}\" = {{ email = \"m@example.com\" }}\n"
    );
    // the manager may have overdue courses of their own: a second e-mail then
    let mails_expected =
        2 + usize::from(list.as_array().unwrap().iter().any(|r| r["employee_id"] == manager.as_str()));
    let (robot, hits) = robots();
    let (smtp, mails) = smtp_sink();

    // a file others may read is refused, naming it, and nothing is sent
    let open = notify_file(&s, robot, smtp, "/cgi-bin/webhook/send", &recipients, 0o644);
    let err = s.fails(&[
        "--lang",
        "zh",
        "remind",
        "--send",
        "--notify",
        open.to_str().unwrap(),
        "--on",
        "2026-11-20",
    ]);
    assert!(err.contains("chmod 600") && err.contains("notify.toml"), "{err}");
    assert!(!err.contains("SECtest") && !err.contains("TOKEN"), "no secret in a message: {err}");
    assert_eq!(hits.lock().unwrap().len(), 0);

    // a dry run says what would go where and sends nothing
    let file = notify_file(&s, robot, smtp, "/cgi-bin/webhook/send", &recipients, 0o600);
    let f = file.to_str().unwrap();
    let dry = s.ok(&["--lang", "zh", "remind", "--send", "--notify", f, "--on", "2026-11-20", "--dry-run"]);
    assert!(dry.contains("钉钉群 →") && dry.contains("邮件 →") && dry.contains("未发送任何消息"), "{dry}");
    assert!(dry.contains("无法单独提醒"), "people without an address are counted: {dry}");
    assert_eq!(hits.lock().unwrap().len() + mails.lock().unwrap().len(), 0);

    // sent: each manager's digest to both robots, the person's own too (they can be
    // mentioned), e-mails to both addresses
    let out = s.ok(&["--lang", "en", "remind", "--send", "--notify", f, "--on", "2026-11-20"]);
    let robots_expected = managers.len() + 1;
    assert_eq!(count(&hits, "/robot/send"), robots_expected, "{out}");
    assert_eq!(count(&hits, "/cgi-bin/webhook/send"), robots_expected, "{out}");
    assert_eq!(mails.lock().unwrap().len(), mails_expected, "{out}");
    let all = robots_expected * 2 + mails_expected;
    assert!(out.contains(&format!("{all} sent, 0 failed")), "{out}");
    // DingTalk's signature: HMAC-SHA256 of "timestamp\nsecret", base64, URL-encoded
    for (path, body) in hits.lock().unwrap().iter().filter(|(p, _)| p.contains("/robot/send")) {
        let query: std::collections::HashMap<&str, &str> =
            path.split('?').nth(1).unwrap().split('&').filter_map(|kv| kv.split_once('=')).collect();
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"SECtest").unwrap();
        mac.update(format!("{}\nSECtest", query["timestamp"]).as_bytes());
        let expected = base64::engine::general_purpose::STANDARD
            .encode(mac.finalize().into_bytes())
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D");
        assert_eq!(query["sign"], expected);
        assert_eq!(query["access_token"], "TOKEN");
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["msgtype"], "markdown");
    }
    let mentioned =
        hits.lock().unwrap().iter().any(|(_, b)| b.contains("13800138000") && b.contains("atMobiles"));
    assert!(mentioned, "the person is @-mentioned by mobile");
    let mail = mails.lock().unwrap().iter().find(|(to, _)| to.contains("p@example.com")).cloned().unwrap();
    assert!(mail.1.contains("Training reminder"), "{}", mail.1);
    let audit = s.ok(&["export", "audit", "--format", "csv"]);
    assert_eq!(audit.matches(",record_reminder,").count(), all);

    // the same day again: nothing new
    let before = hits.lock().unwrap().len() + mails.lock().unwrap().len();
    let again = s.ok(&["--lang", "en", "remind", "--send", "--notify", f, "--on", "2026-11-20"]);
    assert!(again.contains(&format!("0 sent, 0 failed; {all} already sent today")), "{again}");
    assert_eq!(hits.lock().unwrap().len() + mails.lock().unwrap().len(), before);

    // the next day WeCom refuses: DingTalk and e-mail go, WeCom is audited as failed and
    // not marked sent; once WeCom takes them, only the WeCom ones go
    let broken = notify_file(&s, robot, smtp, "/fail/webhook/send", &recipients, 0o600);
    let out = s.run(&[
        "--lang",
        "en",
        "remind",
        "--send",
        "--notify",
        broken.to_str().unwrap(),
        "--on",
        "2026-11-21",
    ]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{} sent, {robots_expected} failed", robots_expected + mails_expected)),
        "{text}"
    );
    assert!(text.contains("errcode 310000"), "{text}");
    assert!(!text.contains("key=K"), "the webhook stays out of messages: {text}");
    let fixed = notify_file(&s, robot, smtp, "/cgi-bin/webhook/send", &recipients, 0o600);
    let before_wecom = count(&hits, "/cgi-bin/webhook/send");
    let before_ding = count(&hits, "/robot/send");
    let out = s.ok(&[
        "--lang",
        "en",
        "remind",
        "--send",
        "--notify",
        fixed.to_str().unwrap(),
        "--on",
        "2026-11-21",
    ]);
    assert!(out.contains(&format!("{robots_expected} sent, 0 failed")), "{out}");
    assert_eq!(count(&hits, "/cgi-bin/webhook/send"), before_wecom + robots_expected);
    assert_eq!(count(&hits, "/robot/send"), before_ding);
    assert!(s.ok(&["check"]).contains("no problems"));
}
