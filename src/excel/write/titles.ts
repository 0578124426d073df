// Organisation names in titles, composed once for every writer: a name that already says what it
// is (兰溪村党支部, 兰溪村党支部1, 机关党总支, 中共…) is not given 党支部 or 中共 a second time.

/** Words that make a name an organisation already. */
const ORGANISATION = /(支部|总支|党委|党组|委员会)/;
const COMMITTEE_TAIL = /(支部|总支)$/;

function trimmed(name: string): string {
  return name.trim();
}

/** `第一` → `第一党支部`; 兰溪村党支部, 兰溪村党支部1, 机关党总支 stay as they are. */
export function branchTitle(branch: string): string {
  const name = trimmed(branch);
  return ORGANISATION.test(name) ? name : `${name}党支部`;
}

/** 中共第一支部委员会 for 第一支部; 中共兰溪村支部委员会 for 兰溪村; no second 中共 or 委员会. */
export function committeeName(branch: string): string {
  const name = trimmed(branch).replace(/^(中共|中国共产党)\s*/, '');
  if (COMMITTEE_TAIL.test(name)) return `中共${name}委员会`;
  if (ORGANISATION.test(name)) return `中共${name}`;
  return `中共${name}支部委员会`;
}
