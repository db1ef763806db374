/**
 * The end of an exhaustive `switch` over a union: the compiler refuses the call while a member is
 * left unhandled, and a value that still arrives (data the types did not foresee) is refused at
 * run time instead of falling into another branch.
 */
export function assertNever(value: never, what: string): never {
  const shown = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : value;
  throw new Error(`Unhandled ${what}: ${JSON.stringify(shown)}`);
}
