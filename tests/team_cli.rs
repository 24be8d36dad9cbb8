//! `rashomon agreement` and `rashomon merge` as real processes, and the merge driver inside a
//! real git repository with two branches.

use std::path::{Path, PathBuf};
use std::process::Command;

use rashomon::model::{Edit, Session};

fn rashomon() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rashomon"))
}

fn sample() -> Session {
    rashomon::storage::from_json(rashomon::sample::SAMPLE_SESSION)
        .expect("sample")
        .session
}

fn read(path: &Path) -> Session {
    rashomon::storage::load(path).expect("session").session
}

fn write(path: &Path, session: &Session) {
    rashomon::storage::save(path, session).expect("save");
}

/// The sample as analyst `name` tagged it.
fn as_analyst(name: &str) -> Session {
    let mut session = sample();
    session
        .apply(session.set_analyst_edit(name))
        .expect("analyst");
    session
}

/// Changes a claim (the n-th) with `change`.
fn change_claim(session: &mut Session, n: usize, change: impl FnOnce(&mut rashomon::model::Claim)) {
    let mut claim = session.claims().nth(n).expect("claim").clone();
    change(&mut claim);
    session.apply(Edit::ReplaceClaim(claim)).expect("change");
}

#[test]
fn agreement_prints_the_json_contract() {
    let dir = tempfile::tempdir().expect("dir");
    let alice = as_analyst("alice");
    let mut bob = as_analyst("bob");
    let russia = bob.parties()[1].id;
    change_claim(&mut bob, 0, |c| c.party = russia);
    change_claim(&mut bob, 1, |c| c.stance = c.stance.flipped());
    let gone = bob.claims().nth(2).expect("claim").id;
    bob.apply(Edit::RemoveClaim { claim: gone })
        .expect("remove");
    let (a, b) = (dir.path().join("a.rashomon"), dir.path().join("b.rashomon"));
    write(&a, &alice);
    write(&b, &bob);
    let output = rashomon()
        .arg("agreement")
        .args([&a, &b])
        .arg("--json")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(value["coders"][0]["analyst"], "alice");
    assert_eq!(value["coders"][1]["analyst"], "bob");
    assert_eq!(value["articles"].as_array().expect("articles").len(), 3);
    let overall = &value["overall"];
    for key in [
        "char_alpha",
        "alpha_u",
        "span_f1",
        "party",
        "stance",
        "fact",
        "counts",
        "prevalence",
        "disagreements",
    ] {
        assert!(!overall[key].is_null(), "overall lacks {key}: {overall}");
        assert!(
            !value["articles"][0][key].is_null(),
            "an article lacks {key}"
        );
    }
    let counts = &overall["counts"];
    assert_eq!(counts["claims_a"], 20);
    assert_eq!(counts["claims_b"], 19);
    assert_eq!(counts["only_a"], 1);
    assert_eq!(counts["only_b"], 0);
    let kinds: Vec<&str> = overall["disagreements"]
        .as_array()
        .expect("list")
        .iter()
        .map(|d| d["kind"].as_str().expect("kind"))
        .collect();
    for kind in ["party", "only_a"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    let only_a = overall["disagreements"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["kind"] == "only_a")
        .expect("only_a");
    assert!(only_a["b"].is_null() && only_a["a"]["quote"].is_string());
    assert!(only_a["article"].is_string());
    // A figure with no variation is null with its reason.
    let us = &value["articles"][1]["char_alpha"]["US"];
    assert!(us.is_null(), "{us}");
    assert!(
        value["articles"][1]["undefined"]["char_alpha.US"]
            .as_str()
            .is_some_and(|why| why.contains("no variation"))
    );
    let alpha = overall["char_alpha"]["Russia"].as_f64().expect("defined");
    assert!(alpha > 0.5 && alpha < 1.0, "{alpha}");
    // The text form too.
    let text = rashomon()
        .arg("agreement")
        .args([&a, &b])
        .output()
        .expect("runs");
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("Overall (3 articles)"));
}

#[test]
fn merge_unites_sessions_atomically_and_refuses_bad_usage() {
    let dir = tempfile::tempdir().expect("dir");
    let alice = as_analyst("alice");
    let mut bob = as_analyst("bob");
    let syria = bob.parties()[2].id;
    change_claim(&mut bob, 0, |c| c.party = syria);
    let (a, b, out) = (
        dir.path().join("a.rashomon"),
        dir.path().join("b.rashomon"),
        dir.path().join("out.rashomon"),
    );
    write(&a, &alice);
    write(&b, &bob);
    let output = rashomon()
        .arg("merge")
        .args([&a, &b])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(said.contains("1 to adjudicate"), "{said}");
    let merged = read(&out);
    assert_eq!(merged.claims().len(), 21);
    assert_eq!(merged.claims().filter(|c| c.conflict.is_some()).count(), 2);
    // The same inputs give the same bytes.
    let again = dir.path().join("again.rashomon");
    rashomon()
        .arg("merge")
        .args([&a, &b])
        .arg("-o")
        .arg(&again)
        .output()
        .expect("runs");
    assert_eq!(
        std::fs::read(&out).expect("out"),
        std::fs::read(&again).expect("again")
    );
    // Merging the result with an input again adds nothing.
    let output = rashomon()
        .arg("merge")
        .args([&out, &a])
        .arg("-o")
        .arg(&again)
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(read(&again), merged);
    // An unreadable input: nothing written, the old output left as it was.
    std::fs::write(dir.path().join("bad.rashomon"), "{ not json").expect("write");
    let before = std::fs::read(&out).expect("out");
    let output = rashomon()
        .arg("merge")
        .args([&a, &dir.path().join("bad.rashomon")])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("nothing was written"));
    assert_eq!(std::fs::read(&out).expect("out"), before);
    // --base takes exactly OURS and THEIRS.
    let output = rashomon()
        .args(["merge", "--base"])
        .args([&a, &a, &b, &b])
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) -> String {
    let output = git(repo, args);
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A repository with the driver set up as the README says, and the sample committed.
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("dir");
    let repo = dir.path().to_owned();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    let driver = format!(
        "'{}' merge --base %O %A %B -o %A",
        env!("CARGO_BIN_EXE_rashomon")
    );
    git_ok(&repo, &["config", "merge.rashomon.driver", &driver]);
    git_ok(
        &repo,
        &["config", "merge.rashomon.name", "Rashomon session merge"],
    );
    std::fs::write(repo.join(".gitattributes"), "*.rashomon merge=rashomon\n").expect("attrs");
    let file = repo.join("deir-ez-zor.rashomon");
    write(&file, &as_analyst("team"));
    git_ok(&repo, &["add", "."]);
    git_ok(&repo, &["commit", "-q", "-m", "base"]);
    (dir, file)
}

#[test]
fn a_session_changed_on_two_branches_merges_through_git() {
    let (dir, file) = repository();
    let repo = dir.path();
    // Bob's branch: a note on one claim, a new claim.
    git_ok(repo, &["checkout", "-q", "-b", "bob"]);
    let mut bob = read(&file);
    change_claim(&mut bob, 3, |c| {
        c.note = "Checked against the ministry's statement".into();
    });
    let article = bob.articles()[0].id;
    let us = bob.parties()[0].id;
    let new = bob
        .new_claim(article, rashomon::model::TextSpan::new(0, 20), us)
        .expect("claim");
    let new_quote = new.anchor.quote.clone();
    bob.apply(Edit::InsertClaim(new)).expect("add");
    write(&file, &bob);
    // A changed note is a small hunk, not a rewrite of the file.
    let numstat = git_ok(repo, &["diff", "--numstat"]);
    let changed: usize = numstat
        .split_whitespace()
        .take(2)
        .map(|n| n.parse::<usize>().expect("count"))
        .sum();
    assert!(changed < 40, "diff of a note and a claim: {numstat}");
    git_ok(repo, &["commit", "-q", "-am", "bob"]);
    // Main: another claim's stance flipped.
    git_ok(repo, &["checkout", "-q", "main"]);
    let mut alice = read(&file);
    change_claim(&mut alice, 5, |c| c.stance = c.stance.flipped());
    let flipped = alice.claims().nth(5).expect("claim").clone();
    write(&file, &alice);
    git_ok(repo, &["commit", "-q", "-am", "alice"]);
    let merge = git(repo, &["merge", "-q", "--no-edit", "bob"]);
    assert!(merge.status.success(), "{merge:?}");
    let merged = read(&file);
    assert_eq!(
        merged.claim(flipped.id).expect("kept").stance,
        flipped.stance
    );
    assert!(merged.claims().any(|c| c.anchor.quote == new_quote));
    assert!(
        merged
            .claims()
            .any(|c| c.note == "Checked against the ministry's statement")
    );
    assert!(merged.claims().all(|c| c.conflict.is_none()));
}

#[test]
fn both_branches_changing_one_claim_leave_a_marked_conflict_and_git_stops() {
    let (dir, file) = repository();
    let repo = dir.path();
    git_ok(repo, &["checkout", "-q", "-b", "bob"]);
    let mut bob = read(&file);
    let russia = bob.parties()[1].id;
    change_claim(&mut bob, 0, |c| c.party = russia);
    write(&file, &bob);
    git_ok(repo, &["commit", "-q", "-am", "bob"]);
    git_ok(repo, &["checkout", "-q", "main"]);
    let mut alice = read(&file);
    let syria = alice.parties()[2].id;
    change_claim(&mut alice, 0, |c| c.party = syria);
    let contested = alice.claims().next().expect("claim").id;
    write(&file, &alice);
    git_ok(repo, &["commit", "-q", "-am", "alice"]);
    let merge = git(repo, &["merge", "-q", "--no-edit", "bob"]);
    assert!(!merge.status.success(), "git must stop: {merge:?}");
    // The file is a whole session (no text conflict markers) with both versions marked.
    let merged = read(&file);
    let ours = merged.claim(contested).expect("ours");
    assert_eq!(ours.party, syria);
    let theirs = merged
        .claim(ours.conflict.as_ref().and_then(|c| c.with).expect("marked"))
        .expect("theirs");
    assert_eq!(theirs.party, russia);
    assert_eq!(merged.claims().len(), 21);
}
