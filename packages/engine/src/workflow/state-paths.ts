import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';

/** The active leaf steps of a state value as dot-joined paths, sorted. */
export function activeStepPaths(value: StateValue): string[] {
  const out: string[] = [];
  const walk = (v: StateValue, prefix: string): void => {
    if (typeof v === 'string') {
      out.push(prefix ? `${prefix}.${v}` : v);
      return;
    }
    const keys = Object.keys(v);
    if (keys.length === 0 && prefix) out.push(prefix);
    for (const key of keys) {
      const child = v[key];
      const path = prefix ? `${prefix}.${key}` : key;
      if (child === undefined || (typeof child === 'object' && Object.keys(child).length === 0)) out.push(path);
      else walk(child, path);
    }
  };
  walk(value, '');
  return out.sort();
}

/** The string stored in `cases.state`: active leaf paths joined by commas. */
export function stateKey(value: StateValue): string {
  return activeStepPaths(value).join(',');
}

export function stateNodeAt(machine: AnyStateMachine, path: string): AnyStateNode | undefined {
  let node: AnyStateNode | undefined = machine.root;
  for (const segment of path.split('.')) {
    node = node?.states[segment];
  }
  return node;
}

/** Every leaf (atomic or final) state of the machine, as dot-joined paths. */
export function leafStatePaths(machine: AnyStateMachine): { path: string; final: boolean }[] {
  const out: { path: string; final: boolean }[] = [];
  const walk = (node: AnyStateNode): void => {
    const children = Object.values(node.states) as AnyStateNode[];
    if (node !== machine.root && (node.type === 'atomic' || node.type === 'final')) {
      out.push({ path: node.path.join('.'), final: node.type === 'final' });
    }
    for (const child of children) if (child.type !== 'history') walk(child);
  };
  walk(machine.root);
  return out;
}

/** Event types with a transition on this leaf step or any of its ancestors. */
export function eventsAtStep(machine: AnyStateMachine, path: string): string[] {
  const types = new Set<string>();
  for (let node = stateNodeAt(machine, path); node; node = node.parent) {
    for (const type of node.ownEvents) if (!type.startsWith('xstate.')) types.add(type);
  }
  return [...types];
}
