"""axe-core (vendored) and a few structural checks, run inside the page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

AXE_JS = (
    Path(settings.BASE_DIR) / "slt_portal/static/vendor/axe/axe.min.js"
).read_text()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

STRUCTURE_JS = """
() => {
  const problems = [];
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(`expected one h1, found ${h1s.length}`);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button'].includes(el.type)) continue;
    const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`))
      || el.closest('label') || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby');
    const tag = el.tagName.toLowerCase();
    if (!labelled) problems.push(`unlabelled ${tag} name=${el.name}`);
  }
  if (!document.documentElement.lang) problems.push('missing lang on <html>');
  return problems;
}
"""


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations on the current page."""
    # Evaluated through the DevTools protocol, so the page's CSP does not block it.
    page.evaluate(AXE_JS + "\n;0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"][:5]],
        }
        for v in result["violations"]
    ]


def structure_problems(page) -> list[str]:
    return page.evaluate(STRUCTURE_JS)
