"""Every file in tei/ is valid against the official TEI P5 tei_all schema (jing).

jing is required: a missing jing fails this test rather than skipping it (.ci/run
installs it; locally `apt-get install jing`).
"""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT, SHARED

CHECK = SHARED / "schemas" / "tei_all" / "check.sh"


def test_tei_folder_is_valid_tei_all():
    assert CHECK.exists(), f"{CHECK} not found: the shared schemas must be beside the project"
    assert shutil.which("jing"), "jing is not installed (apt-get install -y jing)"
    files = sorted(str(p) for p in (ROOT / "tei").glob("*.xml"))
    result = subprocess.run(["bash", str(CHECK), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK ") == len(files)
