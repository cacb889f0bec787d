//! End to end: the real binary in a pseudo-terminal, keys typed, the screen read back
//! through a terminal emulator; then the store checked from the command line.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::Store;
use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Pty {
    fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_cadre"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env_remove("CADRE_DB");
        let child = pair.slave.spawn_command(cmd).expect("spawn cadre");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty { parser, writer, child, master: pair.master }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "'{needle}' never appeared; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // let the reader drain the last bytes
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "cadre did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }
}

/// The line of the screen holding `needle`.
fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

#[test]
fn screen_nominate_admit_disqualify_quit_and_find_it_all_stored() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let db = s.db();
    let db = db.to_str().unwrap();
    let mut pty = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    pty.wait_for("后备人才池");
    pty.wait_for("2026年后备室主任");

    // switch tabs and back
    pty.send("3");
    pty.wait_for("心得点评面板将显示");
    pty.send("1");
    pty.wait_for("近三年绩效");

    // search a Chinese name: the profile beside the table follows the selection
    pty.send("/王娜\r");
    pty.wait_for("王娜 (E");

    // screening, mark two, nominate
    pty.send("e");
    pty.wait_for("资格审核：符合全部规则的候选人");
    pty.send("  ");
    pty.wait_for("已标记 2");
    pty.send("c");
    let screen = pty.wait_for("已提名 2: ");
    let names: Vec<String> = line_with(&screen, "已提名 2: ")
        .split("已提名 2: ")
        .nth(1)
        .unwrap()
        .trim()
        .split('、')
        .map(str::to_string)
        .collect();
    assert_eq!(names.len(), 2, "{screen}");

    // admit the first
    pty.send(&format!("/{}\r", names[0]));
    pty.wait_for(&format!("{} (E", names[0]));
    pty.send("a");
    pty.wait_for(&format!("{}: 已入池", names[0]));

    // disqualify the second with a Chinese reason typed into the reason box
    pty.send(&format!("/{}\r", names[1]));
    pty.wait_for(&format!("{} (E", names[1]));
    pty.send("x");
    pty.wait_for("取消资格:");
    pty.send("绩效下滑，暂缓培养");
    pty.wait_for("绩效下滑，暂缓培养");
    pty.send("\r");
    pty.wait_for(&format!("{}: 已取消资格", names[1]));

    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(!pty.alternate_screen(), "the terminal is back on the main screen");

    // reopen: the disqualified member's history shows the reason
    let mut again = Pty::spawn(&["--db", db, "--lang", "zh"], 140, 40);
    again.wait_for("2026年后备室主任");
    again.send(&format!("/{}\r", names[1]));
    again.wait_for("绩效下滑，暂缓培养");
    again.send("q");
    again.wait_exit();

    let pool = s.ok(&["export", "pool", "--format", "csv"]);
    let row = |name: &str| {
        pool.lines()
            .find(|l| l.contains(&format!(",{name},")))
            .unwrap_or_else(|| panic!("{name} not in pool:\n{pool}"))
            .to_string()
    };
    assert!(row(&names[0]).contains(",admitted,"), "{}", row(&names[0]));
    let second = row(&names[1]);
    assert!(second.contains(",disqualified,") && second.contains("绩效下滑，暂缓培养"), "{second}");
    let me = cadre::service::os_user();
    assert!(second.ends_with(&format!(",{me}")), "the operator is recorded: {second}");
    let audit = s.ok(&["export", "audit", "--format", "csv"]);
    assert!(audit.contains(",nominate,") && audit.contains(",transition_member,"), "{audit}");
}

#[test]
fn a_malformed_user_keymap_is_a_startup_error_on_a_usable_terminal() {
    let s = Store::new();
    s.ok(&["operator", "list"]);
    let bad = s.file(
        "keys.toml",
        "[pool]\nkeys = [{ on = \"<C-\", run = \"admit\" }, { on = \"z\", run = \"explode\" }]\n",
    );
    let db = s.db();
    let mut pty = Pty::spawn(&["--db", db.to_str().unwrap(), "--keymap", bad.to_str().unwrap()], 100, 20);
    let status = pty.wait_exit();
    assert!(!status.success());
    let screen = pty.screen();
    assert!(screen.contains("[pool] entry 1"), "{screen}");
    assert!(screen.contains("'<C-' is not a key"), "{screen}");
    assert!(!pty.alternate_screen(), "never left the main screen");
}

#[test]
fn a_tiny_terminal_asks_for_room_and_redraws_on_resize() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "200"]);
    let db = s.db();
    let mut pty = Pty::spawn(&["--db", db.to_str().unwrap(), "--lang", "en"], 50, 10);
    pty.wait_for("Terminal too small: need at least 60x12");
    pty.parser.lock().unwrap().screen_mut().set_size(30, 100);
    pty.master.resize(PtySize { rows: 30, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
    pty.wait_for("Talent pool");
    pty.send("?");
    pty.wait_for("Run screening");
    pty.send("\x1b");
    pty.send("q");
    assert!(pty.wait_exit().success());
    assert!(!pty.alternate_screen());
}
