"""`civility new-policy NAME --toml`: a policy folder a school without Python can use at once."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from civility._cli import main


def test_the_toml_scaffold_is_measured_and_listed_as_printed(tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(main, ["new-policy", "stmarys", "--toml", "--title", "St Mary's",
                                "--dir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    folder = tmp_path / "stmarys"
    assert sorted(p.name for p in folder.iterdir()) == [
        "README.md", "civility.toml", "examples.jsonl", "policy.toml"]
    config = str(folder / "civility.toml")
    assert f"civility eval {folder}/examples.jsonl --policy stmarys --config {config}" in made.output
    evaluated = runner.invoke(main, ["eval", str(folder / "examples.jsonl"), "--policy",
                                     "stmarys", "--config", config, "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    report = json.loads(evaluated.output)
    assert report["recall"] == 1.0 and report["clean_flagged_rate"] == 0.0
    listed = runner.invoke(main, ["rules", "--config", config, "--policy", "stmarys", "--json"])
    assert listed.exit_code == 0, listed.output
    assert [r["id"] for r in json.loads(listed.output)] == [
        "stmarys.kindness", "stmarys.language", "stmarys.staff-concerns"]
    again = runner.invoke(main, ["new-policy", "stmarys", "--toml", "--dir", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_a_policy_file_becomes_a_package_whose_tests_pass(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    runner = CliRunner()
    assert runner.invoke(main, ["new-policy", "stmarys", "--toml", "--dir", str(tmp_path)]
                         ).exit_code == 0
    folder = tmp_path / "stmarys"
    made = runner.invoke(main, ["new-policy", "stmarys", "--from", str(folder / "policy.toml"),
                                "--examples", str(folder / "examples.jsonl"),
                                "--dir", str(tmp_path)])
    assert made.exit_code == 0, made.output
    root = tmp_path / "civility-stmarys"
    assert (root / "civility_stmarys" / "policy.toml").read_text("utf-8") == (
        folder / "policy.toml").read_text("utf-8")
    assert 'stmarys = "civility_stmarys:POLICY"' in (root / "pyproject.toml").read_text("utf-8")
    assert "remove `files` from your config" in made.output
    # Installed the way `pip install -e` does it (a dist-info with the entry point), so the
    # test environment is left as it was.
    site = tmp_path / "site"
    info = site / "civility_stmarys-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: civility-stmarys\n"
                                   "Version: 0.1.0\n")
    (info / "entry_points.txt").write_text("[civility]\nstmarys = civility_stmarys:POLICY\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(root)])}
    tests = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-W",
                            "error", str(root / "tests")], cwd=root, env=env,
                           capture_output=True, text=True, timeout=180, check=False)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "6 passed" in tests.stdout
    civility = Path(sys.executable).with_name("civility")
    config = tmp_path / "installed.toml"
    config.write_text('[policy]\nplugins = ["stmarys"]\n', "utf-8")
    listed = subprocess.run([str(civility), "rules", "--config", str(config), "--policy",
                             "stmarys", "--json"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=120, check=False)
    assert listed.returncode == 0, listed.stderr
    assert [r["id"] for r in json.loads(listed.stdout)] == [
        "stmarys.kindness", "stmarys.language", "stmarys.staff-concerns"]
    # Installed and still named in [policy] files: one clear line saying what to do.
    both = subprocess.run([str(civility), "rules", "--config", str(folder / "civility.toml")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          check=False)
    assert both.returncode != 0
    assert "[policy.files]" in both.stderr and "civility-stmarys" in both.stderr
    assert "remove the file from [policy] files" in both.stderr and "0x" not in both.stderr


def test_packaging_a_file_checks_the_name_and_the_file(tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["new-policy", "stmarys", "--toml", "--dir", str(tmp_path)])
    policy = tmp_path / "stmarys" / "policy.toml"
    wrong = runner.invoke(main, ["new-policy", "stpauls", "--from", str(policy),
                                 "--dir", str(tmp_path)])
    assert wrong.exit_code != 0 and "is the policy 'stmarys'" in wrong.output
    policy.write_text(policy.read_text("utf-8").replace('severity = "medium"',
                                                        'severity = "mild"', 1), "utf-8")
    broken = runner.invoke(main, ["new-policy", "stmarys", "--from", str(policy),
                                  "--dir", str(tmp_path)])
    assert broken.exit_code != 0 and 'rules "stmarys.kindness".severity' in broken.output
    assert not (tmp_path / "civility-stmarys").exists()
