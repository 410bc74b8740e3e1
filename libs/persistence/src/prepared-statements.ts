/**
 * Statements that PostgreSQL keeps parsed and planned on each connection (named prepared statements). For the short
 * statements every transition runs, parsing and planning cost as much as running them. A module registers the
 * fixed text of such a statement once; the pool's connections recognise the text (data-source.ts) and send it by
 * name. Only fixed texts: each one stays prepared on every connection for the connection's life.
 */
const nameOfText = new Map<string, string>();
const textOfName = new Map<string, string>();

export function preparedStatement(name: string, text: string): string {
  if ((textOfName.get(name) ?? text) !== text || (nameOfText.get(text) ?? name) !== name)
    throw new Error(`Prepared statement ${name}: one name, one text`);
  nameOfText.set(text, name);
  textOfName.set(name, text);
  return text;
}

/** The name a registered text is prepared under, if it is one. */
export const preparedStatementName = (text: string): string | undefined => nameOfText.get(text);
