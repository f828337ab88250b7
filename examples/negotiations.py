"""Are the two army chiefs negotiating directly? The seed article's reasoning as a model.

A reporter, citing unnamed government officials, claims that the two countries'
army chiefs negotiate directly. The article's author weighs what is publicly
known and concludes, in words: talks at some level are *likely*; direct
negotiations of the reported form *unlikely*; such negotiations held without
the political leadership's knowledge and approval *highly unlikely*.

This script writes the same reasoning down on the UK PHIA yardstick, one input
per passage of the article (each comment paraphrases it), and prints for each
hypothesis the probability, its 90 % band, the words and the analytic
confidence, beside the author's conclusion and where the two differ. The same
model is ``examples/negotiations.toml``.

Run it with ``make example`` (or ``python examples/negotiations.py``);
``--draws``, ``--seed`` and ``--json`` as for ``likelihood run``.
"""

from __future__ import annotations

import argparse
import json
import warnings

import likelihood as lk

#: The author's own conclusions, in the article's words.
AUTHOR = {
    "talks": "likely",
    "negotiations": "unlikely",
    "secret_negotiations": "highly unlikely",
}


def build() -> lk.Model:
    m = lk.Model(scale="phia", title="Direct negotiations between the army chiefs?")

    # Talks and negotiations are different things. Before any of the evidence below,
    # talks at some level between two militaries at war are a real possibility, no more.
    m.hypothesis(
        "talks",
        prior="realistic possibility",
        text="The two militaries talk at some level",
    )
    # Negotiations are one kind of talks: without talks there are none. Given that the
    # sides talk, direct negotiations between the chiefs are a real possibility too.
    m.hypothesis(
        "negotiations",
        given={"talks": "realistic possibility", "~talks": 0.0},
        text="The two army chiefs negotiate directly, in the form reported",
    )
    # The author holds it all but impossible that such negotiations could run without
    # the head of state's knowledge and approval.
    m.hypothesis(
        "secret_negotiations",
        given={"negotiations": "highly unlikely", "~negotiations": 0.0},
        text="Such negotiations are held without the political leadership's knowledge",
    )

    # Publicly known: many prisoner exchanges in 21 months of war, and the recovery and
    # hand-over of the bodies of the fallen. Such exchanges cannot happen unless the
    # sides talk.
    m.evidence(
        "exchanges",
        given={"talks": "almost certain", "~talks": "remote chance"},
        observed=True,
        text="Prisoner exchanges and hand-overs of the fallen take place",
    )
    # A decree of October 2022 outlaws negotiations with the other head of state; the
    # author notes that talks between generals would not technically break it. Weak
    # support, at most, for there being no such negotiations.
    m.evidence(
        "decree",
        supports="~negotiations",
        strength="weak support",
        observed=True,
        text="The October 2022 decree banning negotiations with the other head of state stands",
    )
    # The other side has held its preconditions (recognition of the annexed regions) as
    # non-negotiable for 21 months; hints at flexibility, but no sign that any goal was
    # dropped. Were real negotiations under way, some movement would be expected.
    m.evidence(
        "preconditions",
        given={"negotiations": "realistic possibility", "~negotiations": "almost certain"},
        observed=True,
        text="The preconditions for any talks have stayed fixed for 21 months",
    )
    # A real negotiation would cover matters well beyond a general's competence and
    # jurisdiction, even beyond the defence ministry's, and would need a whole negotiating
    # team; nothing of the kind is seen.
    m.evidence(
        "no_team",
        given={"negotiations": "unlikely", "~negotiations": "almost certain"},
        observed=True,
        text="No sign of the negotiating team such talks would need",
    )
    # The claim rests on unnamed government sources: there is no way to assess their
    # credibility (they may also be floating a narrative), so the source's reliability
    # cannot be judged (Admiralty grade F).
    m.source(
        "reporter",
        reliability="F",
        text="A reporter citing unnamed government officials",
    )
    m.report(
        "claim",
        source="reporter",
        claims="negotiations",
        observed=True,
        text="The reporter claims the chiefs negotiate directly",
    )
    return m


def compare(post: lk.Posterior) -> list[dict[str, object]]:
    """Each hypothesis beside the author's conclusion."""
    rows = []
    scale = post.model.scale
    for name, author in AUTHOR.items():
        words = post.describe(name)
        lo, hi = post.interval(name, 0.9)
        term = scale[author]
        overlaps = term.lower <= hi and lo <= term.upper
        if str(words) == author:
            verdict = "agrees with the author"
        elif overlaps:
            verdict = f"reads {words!s} where the author wrote {author}; the band reaches {author}"
        else:
            verdict = f"reads {words!s} where the author wrote {author}; the band does not reach it"
        rows.append(
            {
                "hypothesis": name,
                "before": str(post.prior.describe(name)),
                "probability": post.probability(name),
                "interval": [lo, hi],
                "words": str(words),
                "confidence": words.confidence,
                "author": author,
                "verdict": verdict,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the posterior as JSON")
    args = parser.parse_args()

    model = build()
    post = model.infer(draws=args.draws, seed=args.seed)
    if args.json:
        print(json.dumps(post.to_dict(), indent=2))
        return

    print(post.model.title)
    print(f"PHIA yardstick, {post.draws} draws of the judgments (seed {args.seed})")
    print()
    header = (
        f"{'hypothesis':<21}{'before the evidence':<38}{'P':>6}  {'90 % band':<16}"
        f"{'words':<24}{'confidence':<12}author"
    )
    print(header)
    for row in compare(post):
        lo, hi = row["interval"]  # type: ignore[misc]
        print(
            f"{row['hypothesis']:<21}{row['before']:<38}{row['probability']:>6.3f}  "
            f"[{lo:.3f}, {hi:.3f}]  {row['words']:<24}{row['confidence']:<12}{row['author']}"
        )
    print()
    for row in compare(post):
        print(f"- {row['hypothesis']}: the model {row['verdict']}.")
    print()
    print("What moved 'negotiations' (log10 likelihood ratio, leaving each observation out):")
    for item, weight in post.contributions("negotiations").items():
        print(f"  {item:<14}{weight:+.2f}   {post.model.nodes[item].text}")
    print()
    top = post.attribution("negotiations")[0]
    print(
        f"The word whose vagueness matters most for 'negotiations': {top['judgment']} "
        f"({top['written']}), total Sobol index {top['total']:.2f} of the band's variance."
    )
    # Heuer's ACH needs exclusive hypotheses. Talks and negotiations are nested (no
    # negotiations without talks), so the accounts compared are their joint states that can
    # occur: no talks; talks without negotiations; negotiations. Secret negotiations are a
    # refinement of the last that no item of evidence bears on, so they are left out here.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", lk.ACHWarning)
        matrix = post.ach(["talks", "negotiations"])
    print()
    print(matrix)
    for warning in caught:
        print(f"(note: {warning.message})")
    for name in post.hypotheses():
        table = post.flips(name)
        print()
        print(f"What would change my mind about {name} (now {table.info['baseline']}):")
        if not table.info["flips"]:
            print("  none within one step")
        for flip in table.info["flips"]:
            print(
                f"  {flip['input']}: {flip['change']} -> {flip['words']} "
                f"({flip['probability']:.3f})"
            )


if __name__ == "__main__":
    main()
