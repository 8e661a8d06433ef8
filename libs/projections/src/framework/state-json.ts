/*
 * JSON text of a folded domain state, equal to JSON.stringify's byte for byte, for projections that
 * store a whole state after every event (the deadlines projection). Domain states are immutable: evolve
 * returns new objects for what changed and keeps the very same objects for the rest (each terms
 * version, each change, each escalation). So the text of every collection of the state, and of every
 * object one level inside them, is remembered by identity and reused: an event re-serialises only what
 * it touched;
 * a contract's terms history, most of its state, is serialised once per version instead of once per
 * event.
 */
const texts = new WeakMap<object, string>();

function itemText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** A collection's text with each member's text remembered (undefined members as JSON.stringify treats them). */
function collectionText(value: object): string {
  if (Array.isArray(value)) return `[${value.map(itemText).join(',')}]`;
  const members: string[] = [];
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${itemText(member)}`);
  }
  return `{${members.join(',')}}`;
}

/** Same text as JSON.stringify(state) for plain JSON data (no toJSON, no functions). */
export function stateJson(state: object): string {
  const members: string[] = [];
  for (const key of Object.keys(state)) {
    const value = (state as Record<string, unknown>)[key];
    if (value === undefined) continue;
    let text: string;
    if (value === null || typeof value !== 'object') text = JSON.stringify(value);
    else {
      // A collection evolve did not touch is the same object as in the last state: its whole text again.
      const known = texts.get(value);
      text = known ?? collectionText(value);
      if (known === undefined) texts.set(value, text);
    }
    members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}
