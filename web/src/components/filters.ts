/** The parameters of a search that hold one string each (a status, a department), not a choice of several. */
type TextParam<S> = { [K in keyof S]-?: S[K] extends string | undefined ? K : never }[keyof S];

/**
 * A Select that filters a list by one parameter of the address's search: `selectFilter(search,
 * setSearch)('department')` gives its value, its onChange and its clear button, as a form's
 * getInputProps gives a field's; cleared, the parameter goes and the filter means "any".
 */
export function selectFilter<S>(search: S, setSearch: (patch: Partial<S>) => unknown) {
  return (param: TextParam<S>) => ({
    value: (search[param] as string | undefined) ?? null,
    onChange: (value: string | null) => setSearch({ [param]: value ?? undefined } as Partial<S>),
    clearable: true,
  });
}
