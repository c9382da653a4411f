// What the workbench asks of the service: JSON in, JSON or a coded error out.

/** Calls the API; resolves to the JSON answer, or rejects with `{code, message, problems}`. */
export async function call(method, url, body, key) {
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw { code: 'NETWORK', message: 'The service did not answer: check the connection and try again.' };
  }
  const answer = await response.json().catch(() => null);
  if (response.ok && answer) return answer;
  const error = answer?.errors?.[0];
  throw {
    code: error?.extensions?.code || `HTTP ${response.status}`,
    message: error?.message || `The service answered ${response.status}.`,
    problems: error?.extensions?.problems || [],
  };
}

export function describeError(error) {
  const hint =
    error.code === 'UNAUTHENTICATED'
      ? ' Give a valid ingest key at the top of the page.'
      : error.code === 'FORBIDDEN'
        ? ' This service takes no writes.'
        : '';
  return `${error.code}: ${error.message}${hint}`;
}

export async function searchGraph(text, kind, key) {
  const answer = await call(
    'POST',
    '/graphql',
    {
      query: `query Suggest($text: String!) { search(text: $text, first: 8) { node { id label ... on Entity { name } ... on Event { title date { iso } } } } }`,
      variables: { text },
    },
    key,
  );
  return (answer.data?.search || [])
    .map((hit) => hit.node)
    .filter((node) => (kind === 'event') === (node.label === 'Event'))
    .map((node) => ({ id: node.id, label: node.label, name: node.name || `${node.date?.iso} ${node.title}` }));
}
