"""The Neovim recipes of ``docs/editors.md``, run in a real headless Neovim.

Each ``init.lua`` is taken from the docs between ``<!-- init.lua: nvim >= X.Y -->`` and
``<!-- end init.lua -->``, so the docs cannot drift from what is tested. Neovim opens a draft in a
folder whose ``kozh.toml`` names a glossary built by ``kozh extract``; a Lua script waits for the
diagnostics, asks for a hover, picks the quick fix from ``vim.lsp.buf.code_action()`` as a user
would, and writes what it saw as JSON. A recipe is skipped, with the reason, when ``nvim`` is not
installed or older than the recipe needs (Debian 12 ships 0.7.2; ``.ci/run`` installs it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "editors.md"
ISSUE = ROOT / "data" / "issues" / "kic-china-weekly-318.md"
WAIT_S = 120
"""Only a hung editor or server takes this long; the Lua script waits for events, not times."""

RECIPE = re.compile(
    r"<!-- init\.lua: nvim >= (\d+)\.(\d+) -->\n```lua\n(.*?)```\n<!-- end init\.lua -->", re.S
)
RECIPES = {f"nvim-{m[1]}.{m[2]}": ((int(m[1]), int(m[2])), m[3]) for m in RECIPE.finditer(DOCS.read_text("utf-8"))}

LINE = '😀 이코노미스트 조우마오화(周茂华)는 "올해 소비 회복세가 뚜렷할 것"이라고 전망했다.'
DRAFT = f"# 초안\n\n{LINE}\n"
NAME_LINE = 2  # 0-based, as Neovim numbers diagnostics
NAME_COL = len(LINE[: LINE.index("조우마오화")].encode("utf-8"))  # Neovim's columns are bytes

CHECK = r"""
local out = {}
local function wait(f) return vim.wait(%(wait)d * 1000, f, 50) end
local function seen()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(found, { code = d.code, lnum = d.lnum, col = d.col, message = d.message })
  end
  return found
end
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(out) }, %(result)s)
  vim.cmd("qa!")
end

wait(function() return #vim.diagnostic.get(0) > 0 end)
out.filetype = vim.bo.filetype
out.diagnostics = seen()
if #out.diagnostics == 0 then return finish() end
local d = vim.diagnostic.get(0)[1]
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })

local hover = vim.lsp.buf_request_sync(0, "textDocument/hover", vim.lsp.util.make_position_params(), %(wait)d * 1000)
for _, r in pairs(hover or {}) do
  if r.result then out.hover = r.result.contents.value end
end

out.actions = {}
vim.ui.select = function(items, opts, choose)
  for _, item in ipairs(items) do
    local title = opts.format_item(item)
    table.insert(out.actions, title)
    if title:find("^Replace") then return choose(item) end
  end
  choose(nil)
end
vim.lsp.buf.code_action()
out.fixed = wait(function() return #vim.diagnostic.get(0) == 0 end)
out.line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1]

vim.cmd("edit draft.txt")
wait(function() return #vim.diagnostic.get(0) > 0 end)
out.text_filetype = vim.bo.filetype
out.text_diagnostics = seen()
finish()
"""


def nvim_version(nvim: str) -> tuple[int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"NVIM v(\d+)\.(\d+)", first)
    assert m, first
    return int(m[1]), int(m[2])


def test_the_docs_have_both_neovim_recipes():
    assert sorted(RECIPES) == ["nvim-0.10", "nvim-0.7"]
    for _, lua in RECIPES.values():
        assert '"kozh", "lsp"' in lua and '"markdown", "text"' in lua


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RECIPES))
def test_neovim_recipe_shows_the_finding_and_applies_the_fix(name, tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (`apt-get install neovim`; .ci/run does it)")
    needs, lua = RECIPES[name]
    have = nvim_version(nvim)
    if have < needs:
        pytest.skip(f"the recipe needs Neovim {needs[0]}.{needs[1]}, this nvim is {have[0]}.{have[1]}")

    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(tmp_path)}
    env.pop("KOZH_DB", None)
    env.pop("XDG_CONFIG_HOME", None)
    kozh = shutil.which("kozh", path=env["PATH"])
    assert kozh, f"kozh is not in {bin_dir}"

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    subprocess.run([kozh, "--db", str(drafts / "team.db"), "extract", str(ISSUE)],
                   check=True, capture_output=True, env=env, timeout=WAIT_S)
    (drafts / "kozh.toml").write_text('db = "team.db"\n', encoding="utf-8")
    (drafts / "draft.md").write_text(DRAFT, encoding="utf-8")
    (drafts / "draft.txt").write_text(DRAFT, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(lua, encoding="utf-8")
    result = tmp_path / "result.json"
    check = tmp_path / "check.lua"
    check.write_text(CHECK % {"wait": 20, "result": json.dumps(str(result))}, encoding="utf-8")

    run = subprocess.run(
        [nvim, "--headless", "-u", str(init), "-i", "NONE", "draft.md", "-c", f"luafile {check}"],
        cwd=drafts, env=env, capture_output=True, text=True, timeout=WAIT_S, stdin=subprocess.DEVNULL,
    )
    assert result.exists(), f"nvim wrote nothing (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
    seen = json.loads(result.read_text(encoding="utf-8"))

    assert seen["filetype"] == "markdown"
    found = [(d["code"], d["lnum"], d["col"]) for d in seen["diagnostics"]]
    assert ("kozh/nonstandard", NAME_LINE, NAME_COL) in found, (found, run.stderr)
    assert "**周茂华**" in seen.get("hover", ""), seen
    assert "Replace 조우마오화 with 저우마오화 (kozh/nonstandard)" in seen["actions"], seen
    assert seen["fixed"] is True and "저우마오화(周茂华)는" in seen["line"], seen
    assert seen["text_filetype"] == "text"
    found = [(d["code"], d["lnum"], d["col"]) for d in seen["text_diagnostics"]]
    assert ("kozh/nonstandard", NAME_LINE, NAME_COL) in found, found
