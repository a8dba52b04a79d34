"""Finding and loading plugins: the built-in ones, then entry points in the group ``civility``.

Loading checks every plugin against the hook specs, so that a mistake is an error at start-up
and not a group left silently unmoderated: a misspelt hook (``def on_mesage``), an argument the
hook does not have, a hook wrapper or an ``async`` implementation (Civility calls each
implementation on its own, synchronously, so it cannot honour either) are refused, naming the
plugin and the hook. A plugin that cannot be imported at all is skipped with an error line (a
broken, unrelated package must not stop moderation; a policy the config names is then reported
as not installed).
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import inspect
import types
from collections.abc import Iterable

import attrs
import pluggy
import structlog

from civility import hookspecs
from civility._hooks import Hooks, PluginError
from civility._platforms import disabled_names

log = structlog.get_logger()

#: Built-in features are plugins too; (name, module). One line per plugin.
BUILTIN: tuple[tuple[str, str], ...] = (
    ("iqra", "civility.plugins.iqra"),
    ("community", "civility.plugins.community"),
    ("safety", "civility.plugins.safety"),
    ("ladder", "civility._ladder"),
    ("notices", "civility.notices"),
)
#: Plugins that are always on: they answer the firstresult hooks last.
ESSENTIAL = frozenset({"ladder", "notices"})


@attrs.frozen
class PluginProblem:
    """Something wrong with one plugin, found while loading it."""

    plugin: str
    problem: str
    #: Fatal problems stop start-up; the others are warnings shown by ``civility plugins``.
    fatal: bool = True

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.problem}"


class PluginManager(pluggy.PluginManager):
    """pluggy's manager, plus what loading found wrong and where each plugin came from."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT)
        self.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        #: Plugin name → "distribution version" for plugins installed by entry point.
        self.sources: dict[str, str] = {}


def disabled_from_env() -> frozenset[str]:
    """The policy plugins ``CIVILITY_DISABLE_PLUGINS`` switches off (never the essential ones)."""
    return disabled_names() - ESSENTIAL


def make_manager(*, builtins: bool = True, entry_points: bool = True,
                 disabled: Iterable[str] | None = None,
                 extra: Iterable[tuple[str, object]] = (), check: bool = True) -> PluginManager:
    """A plugin manager with the hook specs and the installed plugins registered.

    With ``check`` (the default) a fatal problem in any plugin raises `PluginError`, one line
    naming each plugin and hook; without it the problems are only kept in ``pm.problems``
    (``civility plugins`` shows them)."""
    pm = PluginManager()
    skip = disabled_from_env() if disabled is None else frozenset(disabled) - ESSENTIAL
    for name in skip:
        pm.set_blocked(name)
    if builtins:
        for name, module in BUILTIN:
            if name not in skip:
                _register(pm, name, importlib.import_module(module))
    if entry_points:
        _load_entry_points(pm)
    for name, plugin in extra:
        _register(pm, name, plugin)
    pm.problems.extend(_hook_problems(pm))
    if not any(p.fatal for p in pm.problems):
        try:
            pm.check_pending()  # a backstop: _hook_problems should have found it first
        except pluggy.PluginValidationError as exc:
            pm.problems.append(PluginProblem(_name_of(pm, exc.plugin), str(exc)))
    for problem in pm.problems:  # the fatal ones are raised below, or shown by `plugins`
        if not problem.fatal:
            log.warning("plugin_problem", plugin=problem.plugin, problem=problem.problem)
    fatal = [str(p) for p in pm.problems if p.fatal]
    if check and fatal:
        raise PluginError("; ".join(fatal))
    return pm


def _name_of(pm: pluggy.PluginManager, plugin: object) -> str:
    return pm.get_name(plugin) or repr(plugin)


def _register(pm: PluginManager, name: str, plugin: object) -> None:
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        # pluggy's words name the hook and the argument it does not know, over three lines.
        lines = str(exc).splitlines()
        detail = "; ".join(lines[1:]) if len(lines) > 1 else str(exc)
        pm.problems.append(PluginProblem(name, f"does not match the hook spec: {detail}"))
    except ValueError as exc:  # the name is taken: two packages claim the same plugin name
        pm.problems.append(PluginProblem(name, str(exc)))


def _load_entry_points(pm: PluginManager) -> None:
    """Like pluggy's ``load_setuptools_entrypoints``, but one broken package does not hide
    the rest, and each failure is kept with its plugin's name."""
    for ep in importlib.metadata.entry_points(group=hookspecs.PROJECT):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            pm.problems.append(PluginProblem(
                ep.name, f"could not be imported ({type(exc).__name__}: {exc}); skipped",
                fatal=False))
            continue
        dist = ep.dist
        if dist is not None:
            pm.sources[ep.name] = f"{dist.metadata['Name']} {dist.version}"
        _register(pm, ep.name, plugin)


def _spec_names(pm: pluggy.PluginManager) -> list[str]:
    return sorted(name for name, caller in vars(pm.hook).items()
                  if not name.startswith("_") and caller.has_spec())


def _hook_problems(pm: pluggy.PluginManager) -> list[PluginProblem]:
    specs = _spec_names(pm)
    problems: list[PluginProblem] = []
    for name, caller in sorted(vars(pm.hook).items()):
        if name.startswith("_"):
            continue
        for impl in caller.get_hookimpls():
            if not caller.has_spec():
                if not impl.optionalhook:
                    close = difflib.get_close_matches(name, specs, n=1, cutoff=0.6)
                    hint = f" (did you mean {close[0]!r}?)" if close else ""
                    problems.append(PluginProblem(
                        impl.plugin_name, f"{name!r} is not a Civility hook{hint}"))
            elif impl.hookwrapper or impl.wrapper:
                problems.append(PluginProblem(
                    impl.plugin_name,
                    f"{name!r} is a hook wrapper; Civility calls each implementation on its own "
                    "and cannot honour wrappers: write a plain implementation"))
            elif inspect.iscoroutinefunction(impl.function) or inspect.isasyncgenfunction(
                    impl.function):
                problems.append(PluginProblem(
                    impl.plugin_name,
                    f"{name!r} is async; hooks are synchronous and pure (the engine does the I/O)"))
    for plugin_name, plugin in pm.list_name_plugin():
        if plugin is not None:
            problems.extend(_unmarked(plugin_name, plugin, specs))
    return problems


def _unmarked(plugin_name: str, plugin: object, specs: list[str]) -> list[PluginProblem]:
    """Functions of a plugin's own that look like a hook but are not marked ``@hookimpl``
    (pluggy ignores them): a warning, since a helper may share a hook's name on purpose."""
    own_module = plugin.__name__ if isinstance(plugin, types.ModuleType) else None
    found = []
    for attr in dir(plugin):
        if attr.startswith("_"):
            continue
        value = getattr(plugin, attr, None)
        if not callable(value) or hasattr(value, f"{hookspecs.PROJECT}_impl"):
            continue
        if own_module is not None and getattr(value, "__module__", None) != own_module:
            continue  # imported helpers are not the plugin's own
        close = difflib.get_close_matches(attr, specs, n=1, cutoff=0.85)
        if close:
            found.append(PluginProblem(
                plugin_name, f"{attr!r} looks like the hook {close[0]!r} but is not marked "
                "@hookimpl, so it is never called", fatal=False))
    return found


def describe(pm: pluggy.PluginManager) -> list[dict[str, object]]:
    """What is installed: name, where it comes from, its version, the hooks it implements and
    any problem found while loading it."""
    sources = getattr(pm, "sources", {})
    problems: list[PluginProblem] = list(getattr(pm, "problems", []))
    dists = {id(p): d for p, d in pm.list_plugin_distinfo()}
    rows: list[dict[str, object]] = []
    listed = set()
    for name, plugin in sorted(pm.list_name_plugin()):
        if plugin is None:
            continue
        listed.add(name)
        dist = dists.get(id(plugin))
        source = sources.get(name) or (f"{dist.project_name} {dist.version}" if dist
                                       else "built-in")
        hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
        rows.append({
            "name": name,
            "source": source,
            "module": getattr(plugin, "__name__", type(plugin).__name__),
            "hooks": hooks,
            "problems": [p.problem for p in problems if p.plugin == name],
        })
    for name in sorted({p.plugin for p in problems} - listed):
        rows.append({"name": name, "source": sources.get(name, "not loaded"), "module": "",
                     "hooks": [], "problems": [p.problem for p in problems if p.plugin == name]})
    return rows


#: Odd but legal messages every policy must survive: ``civility plugins`` judges them.
PROBE_TEXTS = (
    "Is the trip on Friday? Thank you 😊",
    "",
    "x" * 4096,
    "DARN you all, buy now at http://example.com/offer?ref=1",
    "𝓗𝓮𝓵𝓵𝓸 \u202eevil\u202c \U000e0041 tagged",
    "a." * 1000,
)


def probe(hooks: Hooks) -> dict[str, dict[str, object]]:
    """Judge the probe messages with every policy, off the loop and within the time budget as
    the bot would, and return each plugin's record (calls, failures, the last error)."""
    import asyncio

    from civility.config import School
    from civility.context import PolicyContext
    from civility.testing import make_message

    async def run() -> None:
        for text in PROBE_TEXTS:
            message = make_message(text)
            context = PolicyContext(school=School(), chat=message.chat)
            await hooks.judge_message(message, context)

    asyncio.run(run())
    return {name: hooks.health_of(name).row() for name in hooks.plugin_names()}
