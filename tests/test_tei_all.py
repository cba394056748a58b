"""Every file in tei/ is valid against the official TEI P5 tei_all schema (jing).

The schema's folder (with its check.sh) is $TEI_ALL, or ../shared/schemas/tei_all. Under CI
the check is mandatory: a missing schema or jing fails it. Elsewhere, without the schema,
it is skipped with a line saying how to enable it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

TEI_ALL = Path(os.environ.get("TEI_ALL") or SHARED / "schemas" / "tei_all")
CHECK = TEI_ALL / "check.sh"


def test_tei_folder_is_valid_tei_all():
    if not CHECK.exists():
        message = f"{CHECK} not found: set TEI_ALL to the folder of the tei_all check.sh"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required in CI)")
        pytest.skip(message)
    assert shutil.which("jing"), "jing is not installed (apt-get install -y jing)"
    files = sorted(str(p) for p in (ROOT / "tei").glob("*.xml"))
    result = subprocess.run(["bash", str(CHECK), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK ") == len(files)
