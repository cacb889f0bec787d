//! The three ways out: a DingTalk group robot (Markdown, signed with HMAC-SHA256 when the
//! robot has a secret, as DingTalk documents it), a WeCom group robot, and e-mail over SMTP.
//! Errors never carry the webhook (its token is a secret).

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::config::{DingTalk, Smtp, WeCom};

/// DingTalk's signature of a request: base64 of HMAC-SHA256 over `"{timestamp}\n{secret}"`
/// keyed by the secret, URL-encoded.
pub fn dingtalk_sign(secret: &str, timestamp_ms: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{timestamp_ms}\n{secret}").as_bytes());
    url_encode(&base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
}

/// Percent-encodes all but the unreserved characters (RFC 3986).
fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The robot's address for a request made at `timestamp_ms` (signed when it has a secret).
pub fn dingtalk_url(robot: &DingTalk, timestamp_ms: i64) -> String {
    match &robot.secret {
        None => robot.webhook.clone(),
        Some(secret) => {
            let sep = if robot.webhook.contains('?') { '&' } else { '?' };
            format!(
                "{}{sep}timestamp={timestamp_ms}&sign={}",
                robot.webhook,
                dingtalk_sign(secret, timestamp_ms)
            )
        }
    }
}

/// A Markdown message for the group, @-mentioning the recipient when their id is known
/// (an 11-digit number is a mobile number, anything else a user id).
pub fn dingtalk_body(title: &str, text: &str, mention: Option<&str>) -> serde_json::Value {
    let (text, at) = match mention {
        Some(m) if m.len() == 11 && m.bytes().all(|b| b.is_ascii_digit()) => {
            (format!("{text}\n\n@{m}"), serde_json::json!({ "atMobiles": [m] }))
        }
        Some(m) => (format!("{text}\n\n@{m}"), serde_json::json!({ "atUserIds": [m] })),
        None => (text.to_string(), serde_json::json!({})),
    };
    serde_json::json!({ "msgtype": "markdown", "markdown": { "title": title, "text": text }, "at": at })
}

pub fn wecom_body(text: &str, mention: Option<&str>) -> serde_json::Value {
    let content = match mention {
        Some(m) => format!("{text}\n<@{m}>"),
        None => text.to_string(),
    };
    serde_json::json!({ "msgtype": "markdown", "markdown": { "content": content } })
}

/// Posts JSON to a robot; both robots answer `{"errcode":0}` when the message is taken.
pub fn post(url: &str, body: &serde_json::Value) -> Result<(), String> {
    let hide = |e: String| e.replace(url, "<webhook>");
    let mut response = ureq::post(url)
        .config()
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .header("Content-Type", "application/json; charset=utf-8")
        .send(body.to_string())
        .map_err(|e| hide(e.to_string()))?;
    let text = response.body_mut().read_to_string().map_err(|e| hide(e.to_string()))?;
    let answer: serde_json::Value = serde_json::from_str(&text)
        .map_err(|_| format!("not a robot's answer: {}", text.chars().take(200).collect::<String>()))?;
    match answer.get("errcode").and_then(serde_json::Value::as_i64) {
        Some(0) => Ok(()),
        Some(code) => Err(format!(
            "errcode {code}: {}",
            answer.get("errmsg").and_then(serde_json::Value::as_str).unwrap_or_default()
        )),
        None => Err(format!("not a robot's answer: {}", text.chars().take(200).collect::<String>())),
    }
}

pub fn send_dingtalk(robot: &DingTalk, title: &str, text: &str, mention: Option<&str>) -> Result<(), String> {
    let now = chrono::Utc::now().timestamp_millis();
    post(&dingtalk_url(robot, now), &dingtalk_body(title, text, mention))
        .map_err(|e| e.replace(&robot.webhook, "<webhook>"))
}

pub fn send_wecom(robot: &WeCom, text: &str, mention: Option<&str>) -> Result<(), String> {
    post(&robot.webhook, &wecom_body(text, mention))
}

/// One plain-text e-mail (Markdown reads well as text).
pub fn send_mail(smtp: &Smtp, to: &str, subject: &str, body: &str) -> Result<(), String> {
    use lettre::message::header::ContentType;
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::{Message, SmtpTransport, Transport};
    let from = smtp.from.parse().map_err(|e| format!("from {}: {e}", smtp.from))?;
    let to_box = to.parse().map_err(|e| format!("{to}: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to_box)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_string())
        .map_err(|e| e.to_string())?;
    let mut builder = if smtp.starttls {
        SmtpTransport::starttls_relay(&smtp.host).map_err(|e| e.to_string())?
    } else {
        SmtpTransport::builder_dangerous(&smtp.host)
    };
    builder = builder.port(smtp.port).timeout(Some(std::time::Duration::from_secs(20)));
    if let (Some(user), Some(password)) = (&smtp.user, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder.build().send(&message).map(|_| ()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_dingtalks_hmac_over_timestamp_and_secret() {
        // recomputed independently: HMAC-SHA256("SECxyz", "1700000000000\nSECxyz"), base64, URL-encoded
        let sign = dingtalk_sign("SECxyz", 1_700_000_000_000);
        let mut mac = Hmac::<Sha256>::new_from_slice(b"SECxyz").unwrap();
        mac.update(b"1700000000000\nSECxyz");
        let raw = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(sign, raw.replace('+', "%2B").replace('/', "%2F").replace('=', "%3D"));
        let robot = DingTalk {
            webhook: "https://oapi.dingtalk.com/robot/send?access_token=T".into(),
            secret: Some("SECxyz".into()),
        };
        let url = dingtalk_url(&robot, 1_700_000_000_000);
        assert!(
            url.starts_with(
                "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1700000000000&sign="
            ),
            "{url}"
        );
    }

    #[test]
    fn mentions_are_mobiles_or_user_ids() {
        let b = dingtalk_body("t", "x", Some("13800138000"));
        assert_eq!(b["at"]["atMobiles"][0], "13800138000");
        let b = dingtalk_body("t", "x", Some("zhangwei"));
        assert_eq!(b["at"]["atUserIds"][0], "zhangwei");
        assert_eq!(wecom_body("x", Some("zw"))["markdown"]["content"], "x\n<@zw>");
    }
}
