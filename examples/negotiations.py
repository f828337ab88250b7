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
    "territorial_deal": "highly unlikely",
}

#: The order in which the article brings up each observation (the trajectory's steps):
#: the reported claim; the exchanges; the goals and preconditions; the hints of
#: flexibility; the decree; the missing team; and, last, the piece's premise.
ARRIVAL = {
    "claim": 1,
    "exchanges": 2,
    "preconditions": 3,
    "goals": 3,
    "hints": 4,
    "decree": 5,
    "no_team": 6,
    "premise": 7,
}


def build() -> lk.Model:
    m = lk.Model(scale="phia", title="Direct negotiations between the army chiefs?")

    # The reported claim rests on unnamed government officials: there is no way to assess
    # their credibility, so their reliability cannot be judged (Admiralty grade F). And
    # unnamed officials are a well-known way for a government to float an idea or a
    # narrative and watch the reaction without committing anyone to it: that they tell the
    # story whatever the truth is a real possibility.
    m.source(
        "officials",
        reliability="F",
        agenda="realistic possibility",
        text="Unnamed government officials, as cited by the reporter",
    )
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
    # The piece assumes the war is about territory, so that ceding territory would bring
    # a deal. Whether the Kremlin would agree to negotiations, or even talks, on that
    # premise is, before the evidence, a real possibility: wars do end that way.
    m.hypothesis(
        "territorial_deal",
        prior="realistic possibility",
        text="The Kremlin would agree to negotiations or talks premised on handing over territory",
    )

    # Through the reporter, the officials say that the chiefs negotiate directly.
    m.report(
        "claim",
        source="officials",
        claims="negotiations",
        text="The officials, through the reporter, say the chiefs negotiate directly",
    )
    # The piece may well reflect the administration's current thinking, and that thinking
    # starts from the premise that handing over territory would lead to a deal: the same
    # officials, in effect, claim the Kremlin would agree on that basis.
    m.report(
        "premise",
        source="officials",
        claims="territorial_deal",
        text="The piece, echoing the officials, assumes ceding territory would bring a deal",
    )

    # Publicly known: many prisoner exchanges in 21 months of war, and the recovery and
    # hand-over of the bodies of the fallen. Such exchanges cannot happen unless the
    # sides talk.
    m.evidence(
        "exchanges",
        given={"talks": "almost certain", "~talks": "remote chance"},
        text="Prisoner exchanges and hand-overs of the fallen take place",
    )
    # The other side has held its preconditions (recognition of the annexed regions) as
    # non-negotiable for 21 months. Were real negotiations under way, some movement would
    # be expected.
    m.evidence(
        "preconditions",
        given={"negotiations": "realistic possibility", "~negotiations": "almost certain"},
        text="The preconditions for any talks have stayed fixed for 21 months",
    )
    # Its other original goals (no NATO membership for the neighbour among them) stand
    # as they did at the start: what the Kremlin has said for 21 months is not about
    # territory alone. A Kremlin ready to settle for territory might hold that line as a
    # bargaining position, but is unlikely to have kept to it for 21 months; one that is
    # not would highly likely have done so.
    m.evidence(
        "goals",
        given={"territorial_deal": "unlikely", "~territorial_deal": "highly likely"},
        text="The Kremlin's stated goals beyond territory have stood for 21 months",
    )
    # Yet the head of state and his spokesman have hinted at goals that change without
    # changing and at a willingness to reach them by negotiation: some flexibility. A
    # Kremlin ready to deal would likely drop such hints; one that is not might still, as
    # posture: a real possibility.
    m.evidence(
        "hints",
        given={"territorial_deal": "likely", "~territorial_deal": "realistic possibility"},
        text="Hints of flexibility and of a willingness to negotiate from the Kremlin",
    )
    # A decree of October 2022 outlaws negotiations with the other head of state; the
    # author notes that talks between generals would not technically break it. Weak
    # support, at most, for there being no such negotiations.
    m.evidence(
        "decree",
        supports="~negotiations",
        strength="weak support",
        text="The October 2022 decree banning negotiations with the other head of state stands",
    )
    # A real negotiation would cover matters well beyond a general's competence and
    # jurisdiction, even beyond the defence ministry's, and would need a whole negotiating
    # team; nothing of the kind is seen.
    m.evidence(
        "no_team",
        given={"negotiations": "unlikely", "~negotiations": "almost certain"},
        text="No sign of the negotiating team such talks would need",
    )

    # Everything is observed, in the order the article brings it up (1 = first); items of
    # one passage arrive together.
    for name, place in ARRIVAL.items():
        m.observe(name, True, at=place)
    return m


def compare(post: lk.Posterior) -> list[dict[str, object]]:
    """Each conclusion beside the author's, and, where they differ, why (from the analyses)."""
    rows = []
    scale = post.model.scale
    for name, author in AUTHOR.items():
        words = post.describe(name)
        p = post.probability(name)
        lo, hi = post.interval(name, 0.9)
        term = scale[author]
        overlaps = term.lower <= hi and lo <= term.upper
        if str(words) == author:
            verdict = "agrees with the author"
        elif overlaps:
            verdict = f"reads {words!s} where the author wrote {author}; the band reaches {author}"
        else:
            verdict = f"reads {words!s} where the author wrote {author}; the band does not reach it"
        why = ""
        if str(words) != author:
            # which way the model departs, what moved it most, and which one-step change of
            # the analyst's inputs would give the author's words (the flips that land there)
            side = "more" if p > term.upper else "less"
            weights = post.contributions(name)
            largest = max(abs(w) for w in weights.values())
            moved = [
                f"{item} ({weight:+.2f}: {post.model.nodes[item].text})"
                for item, weight in sorted(weights.items(), key=lambda kv: -abs(kv[1]))
                if abs(weight) >= largest / 2
            ]
            why = (
                f"The model holds it {side} probable than the author ({p:.3f}; {author} is "
                f"{term.lower:.0%}-{term.upper:.0%}): from {post.prior.describe(name)!s} "
                f"before the evidence, it was moved most by {'; '.join(moved)}."
            )
            parents = [h for h in post.model.nodes[name].parents if h in AUTHOR]
            for parent in parents:
                why += f" It can hold only where {parent} does ({post.probability(parent):.3f})."
            to_author = [f for f in post.flips(name).info["flips"] if f["words"] == author]
            if to_author:
                changes = "; or ".join(f"{f['input']}: {f['change']}" for f in to_author)
                why += f" It would read {author} with {changes}."
            else:
                why += f" No single step of the inputs brings it to {author}."
        rows.append(
            {
                "hypothesis": name,
                "before": str(post.prior.describe(name)),
                "probability": p,
                "interval": [lo, hi],
                "words": str(words),
                "confidence": words.confidence,
                "author": author,
                "verdict": verdict,
                "why": why,
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
        f"{'words':<42}{'confidence':<12}author"
    )
    print(header)
    rows = compare(post)
    for row in rows:
        lo, hi = row["interval"]  # type: ignore[misc]
        print(
            f"{row['hypothesis']:<21}{row['before']:<38}{row['probability']:>6.3f}  "
            f"[{lo:.3f}, {hi:.3f}]  {row['words']:<42}{row['confidence']:<12}{row['author']}"
        )
    print()
    for row in rows:
        print(f"- {row['hypothesis']}: the model {row['verdict']}.")
        if row["why"]:
            print(f"  {row['why']}")
    print()
    print("The model's conclusions as an analyst would write them (PHIA conventions):")
    for name in AUTHOR:
        print(f"- {post.assessment(name)}")
        readers = post.readings(name)
        if readers is not None:
            print(f"  Readers: {readers}")
    print()
    print("How each conclusion moved as the article brought up the evidence:")
    for name in AUTHOR:
        print()
        print(post.trajectory(name))
    print()
    print(post.conflict())
    print()
    print(post.most_probable(k=3))
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
    for name in AUTHOR:
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
