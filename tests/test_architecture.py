"""The shape of the house (docs/architecture.md): imports run one way, with no circle anywhere.

These read the source's imports (no app is built); a change that brings a circle back, or
makes the money core or the WeChat adapter know a feature, fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"

#: The layers, bottom first: a package may import its own layer's packages and those below.
INFRASTRUCTURE = {"core", "extensions", "wechat"}
MONEY_CORE = {"orders", "payments"}
#: What the payment and refund paths must never name: what was bought, and who else cares.
FEATURES = {"purchases", "policies", "envelopes", "claims", "coupons", "referrals", "campaigns", "rewards", "renewals",
            "scenarios", "visits", "admin", "users", "catalog", "insured", "partners", "auth", "help", "agreements"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in APP.rglob("*.py")}


def imports_of(path: Path, known: set[str], tree: ast.AST | None = None) -> list[tuple[str, ast.AST]]:
    """The app modules ``path`` (or ``tree``, a part of it) imports; ``from app.x import y`` counts
    ``app.x.y`` when that is a module."""
    found = []
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(tree if tree is not None else ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node) for alias in node.names if alias.name.startswith("app")]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("app"):
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.append((child if child in known else base, node))
    return [(name, node) for name, node in found if name in known]


def graph() -> dict[str, set[str]]:
    known = modules()
    names = set(known)
    return {name: {target for target, _ in imports_of(path, names) if target != name} for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "app"


def test_no_two_modules_import_each_other_directly_or_through_others():
    assert cycles(graph()) == []


def test_no_two_packages_import_each_other_either():
    edges: dict[str, set[str]] = {}
    for source, targets in graph().items():
        for target in targets:
            if package_of(source) != package_of(target) and package_of(source) != "app":
                edges.setdefault(package_of(source), set()).add(package_of(target))
    assert cycles(edges) == []


def test_no_app_import_hides_inside_a_function():
    hidden = []
    names = set(modules())
    for name, path in modules().items():
        for function in ast.walk(ast.parse(path.read_text())):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [f"{name}.{function.name}: {target}" for target, _ in imports_of(path, names, function)]
    assert hidden == []


@pytest.mark.parametrize("package, allowed", [
    ("core", {"core", "errors", "extensions"}),
    ("wechat", {"core", "errors", "extensions", "wechat"}),
    ("orders", INFRASTRUCTURE | {"orders"}),
    ("payments", INFRASTRUCTURE | MONEY_CORE),
])
def test_lower_layers_import_nothing_above_them(package, allowed):
    above = {f"{source} -> {target}" for source, targets in graph().items() if package_of(source) == package
             for target in targets if package_of(target) not in allowed}
    assert above == set()


def test_the_payment_and_refund_paths_name_no_order_kind_and_no_feature():
    """What an order buys is its kind's business; who reacts to a payment is an event's."""
    names = {"policy", "policies", "envelope", "envelopes", "coupon", "coupons", "referral", "referrals",
             "referrer", "campaign", "campaigns", "reward", "rewards"}
    named = []
    for path in [*APP.joinpath("orders").glob("*.py"), *APP.joinpath("payments").glob("*.py")]:
        tree = ast.parse(path.read_text())
        docstrings = {id(body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and (body := node.body)
                      and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                words = set(node.value.replace("_", " ").replace(".", " ").replace(":", " ").lower().split())
                named += [f"{path.relative_to(ROOT)}:{node.lineno}: {word}" for word in sorted(words & names)]
            elif isinstance(node, ast.Name | ast.Attribute):
                word = node.id if isinstance(node, ast.Name) else node.attr
                named += [f"{path.relative_to(ROOT)}:{node.lineno}: {word}" for part in word.lower().split("_")
                          if part in names]
    assert named == []


def test_only_the_app_factory_knows_the_sandbox():
    users = {source for source, targets in graph().items() for target in targets
             if package_of(target) == "sandbox" and package_of(source) != "sandbox"}
    assert users == {"app"}
