"""The dashboard's style sheet, served from `/dashboard/style.css` (no inline styles)."""

from __future__ import annotations

__all__ = ["CSS"]

CSS = """\
:root { --ink: #1d2430; --muted: #5b6473; --line: #d7dce3; --accent: #1f5fa8;
  --urgent: #a4161a; --ok: #1b6e3a; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center;
  padding: .6rem 1.2rem; background: #fff; border-bottom: 1px solid var(--line); }
header .brand { font-weight: 700; margin-right: auto; }
header nav a { margin-right: .8rem; }
header form { margin: 0; }
main { max-width: 72rem; margin: 1.2rem auto; padding: 0 1.2rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; margin: .4rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: start; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: .85rem; color: var(--muted); }
tr.urgent td { background: #fdecec; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .8rem;
  font-weight: 700; border: 1px solid currentColor; }
.badge.urgent { color: var(--urgent); }
.notice { padding: .6rem .9rem; border-radius: .3rem; background: #e8f1fb;
  border: 1px solid var(--accent); }
.notice.error { background: #fdecec; border-color: var(--urgent); }
.notice.ok { background: #e9f6ee; border-color: var(--ok); }
.filters { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; margin-bottom: 1rem; }
.filters label, form.stack label { display: flex; flex-direction: column; font-size: .85rem; }
form.stack { display: flex; flex-direction: column; gap: .6rem; max-width: 40rem; }
.login { max-width: 22rem; margin: 3rem auto; background: #fff; padding: 1.5rem;
  border: 1px solid var(--line); border-radius: .4rem; }
input, select, textarea, button { font: inherit; }
input, select, textarea { padding: .35rem .5rem; border: 1px solid #9aa3af; border-radius: .25rem; }
textarea { min-height: 6rem; width: 100%; }
button { padding: .4rem .9rem; border-radius: .25rem; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
ol.transcript { list-style: none; padding: 0; }
ol.transcript li { background: #fff; border: 1px solid var(--line); border-radius: .4rem;
  padding: .5rem .8rem; margin-bottom: .5rem; }
ol.transcript li.bot { background: #f1f3f6; }
ol.transcript li.counsellor { border-color: var(--accent); }
ol.transcript li.note { background: #fff8e1; border-style: dashed; }
.who { font-size: .8rem; color: var(--muted); }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: .9rem; }
.actions { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.actions section { background: #fff; border: 1px solid var(--line); border-radius: .4rem;
  padding: .8rem; }
.inline { display: inline; }
code.pseudonym { font-size: .85rem; }
"""
