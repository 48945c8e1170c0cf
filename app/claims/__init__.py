"""Claims: filing, materials, the seven-step state machine, the timeline, the insurer's
webhook and the subscribe messages that follow a claim (docs/domain.md, Claims).

``states`` holds the transition table; ``services`` every rule that changes a claim;
``materials`` uploads and their storage; ``timeline`` what the user sees and when to
expect the next step; ``messages`` opt-ins and subscribe messages.
"""
