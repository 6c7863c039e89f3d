import fc from 'fast-check';

/**
 * Random AWS config files that stay close to what people write, and to what breaks parsers:
 * comments of both kinds at any indentation, blank and whitespace-only lines, `=` and `:`
 * with any spacing, sub-blocks indented with spaces or tabs, multi-line values, header
 * spellings botocore maps to the same profile, other tools' sections, Rolecall profiles with
 * the user's own lines inside, any mix of line endings, a byte-order mark, no final newline.
 */

const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r\n', '\r');
const space = fc.constantFrom('', '', ' ', '  ', '\t', ' \t', '\u00a0');
const indent = fc.constantFrom(' ', '  ', '    ', '\t', '\t\t', ' \t');
const valueChar = fc.constantFrom(
  ...'abcxyzABCXYZ0189-_./:@+'.split(''),
  ' ', ' ', '\t', '#', ';', '=', '[', ']', '"', "'", '\\', '$', '{', '}', 'é', 'ß', '漢', '🙂', '\u00a0',
);
/** Characters Python's str.splitlines() breaks on (botocore re-splits sub-blocks with it): rare. */
const oddChar = fc.oneof({ weight: 30, arbitrary: valueChar }, { weight: 1, arbitrary: fc.constantFrom('\u2028', '\f', '\x1c', '\x85') });
const text = (maxLength: number) =>
  fc.oneof({ weight: 15, arbitrary: fc.string({ unit: valueChar, maxLength }) }, { weight: 1, arbitrary: fc.string({ unit: oddChar, maxLength }) });
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);

const comment = fc.tuple(fc.constantFrom('', '', ' ', '\t', '   '), fc.constantFrom('#', ';'), text(30)).map(([lead, mark, body]) => `${lead}${mark}${body}`);
const blank = fc.constantFrom('', '', ' ', '\t', '  \t ');
const trivia = fc.oneof(comment, blank);

const profileNames = ['Production/AdministratorAccess', 'Sandbox/Developer', 'Other/Admin', 'dev', 'prod', 'café', 'team:ops', 'a.b@c+d'];
const headerArb = fc.oneof(
  fc.constant('default'),
  fc.constantFrom(...profileNames).map((n) => `profile ${n}`),
  fc.constantFrom(...profileNames).map((n) => `profile "${n}"`),
  fc.constantFrom(...profileNames).map((n) => `profile  ${n} `),
  fc.constantFrom('acme', 'legacy corp').map((n) => (n.includes(' ') ? `sso-session "${n}"` : `sso-session ${n}`)),
  fc.constantFrom('local', 'stack').map((n) => `services ${n}`),
  fc.constantFrom('preview', 'plugins', 'DEFAULT', 'profile two words', 'profile "unclosed'),
);

/** A `key = value` line, maybe with a sub-block or continuation lines under it. */
const optionArb = (key: string) =>
  fc
    .record({
      lead: fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' ', '\t') }),
      before: space,
      delimiter: fc.constantFrom('=', '=', '=', ':'),
      after: space,
      value: text(40),
      trailing: fc.constantFrom('', '', ' ', '\t'),
      block: fc.option(
        fc.array(
          fc.oneof(
            { weight: 80, arbitrary: fc.tuple(indent, word, space, text(20)).map(([i, k, s, v]) => `${i}${k}${s}=${s}${v}`) },
            { weight: 8, arbitrary: trivia },
            { weight: 1, arbitrary: fc.tuple(indent, text(20)).map(([i, v]) => `${i}${v}`) },
          ),
          { minLength: 1, maxLength: 4 },
        ),
        { freq: 4 },
      ),
    })
    .map((o) => {
      const head = `${o.lead}${key}${o.before}${o.delimiter}${o.after}${o.block ? '' : o.value}${o.trailing}`;
      return [head, ...(o.block ?? [])];
    });

const sectionArb = fc
  .record({
    header: headerArb,
    lead: fc.oneof({ weight: 12, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant(' ') }),
    tail: fc.constantFrom('', '', ' ', '   # note', '\t; note'),
    keys: fc.uniqueArray(fc.oneof(word, fc.constantFrom('region', 'Region', 'output', 's3', 'credential_process')), {
      maxLength: 5,
      selector: (k) => k.toLowerCase(),
    }),
    trivia: fc.array(trivia, { maxLength: 3 }),
  })
  .chain((s) =>
    fc.tuple(fc.constant(s), fc.tuple(...s.keys.map((k) => optionArb(k)))).map(([section, options]) => {
      const lines = [`${section.lead}[${section.header}]${section.tail}`];
      options.forEach((option, i) => {
        lines.push(...option);
        if (section.trivia[i] !== undefined) lines.push(section.trivia[i] as string);
      });
      return { header: section.header, lines };
    }),
  );

/** A Rolecall profile as an earlier run wrote it, maybe with the user's lines inside. */
const managedArb = fc
  .record({
    role: fc.constantFrom(
      { name: 'Production/AdministratorAccess', instance: 'acme', account: '111111111111', roleName: 'AdministratorAccess' },
      { name: 'Sandbox/Developer', instance: 'acme', account: '222222222222', roleName: 'Developer' },
      { name: 'Gone/Role', instance: 'acme', account: '999999999999', roleName: 'Gone' },
      { name: 'Other/Admin', instance: 'other', account: '555555555555', roleName: 'Admin' },
      { name: 'pinned', instance: 'acme', account: '111111111111', roleName: 'ReadOnlyAccess' },
    ),
    userLines: fc.array(fc.oneof(comment, fc.tuple(word, text(10)).map(([k, v]) => `x_${k} = ${v}`)), { maxLength: 2 }),
  })
  .map(({ role: { name, instance, account, roleName }, userLines }) => ({
    header: `profile ${name}`,
    lines: [
      `[profile ${name}]`,
      `credential_process = /usr/local/bin/rolecall credential-process --profile ${name}`,
      ...userLines,
      `rolecall_instance = ${instance}`,
      `rolecall_account_id = ${account}`,
      `rolecall_role_name = ${roleName}`,
      ...(name === 'pinned' ? [] : ['rolecall_name_template = {accountName}/{roleName}']),
    ],
  }));

export const configFileArb = fc
  .record({
    bom: fc.boolean(),
    preamble: fc.array(trivia, { maxLength: 3 }),
    sections: fc.uniqueArray(fc.oneof({ weight: 3, arbitrary: sectionArb }, { weight: 1, arbitrary: managedArb }), {
      maxLength: 7,
      selector: (s) => s.header,
    }),
    separators: fc.array(fc.array(trivia, { maxLength: 2 }), { minLength: 7, maxLength: 7 }),
    finalNewline: fc.boolean(),
  })
  .chain((file) => {
    const lines = [...file.preamble];
    file.sections.forEach((section, i) => lines.push(...section.lines, ...(file.separators[i] ?? [])));
    return fc.tuple(fc.constant(file), fc.array(eol, { minLength: lines.length, maxLength: lines.length }), fc.constant(lines));
  })
  .map(([file, endings, lines]) => {
    let out = file.bom ? '\ufeff' : '';
    lines.forEach((line, i) => {
      out += line + (i === lines.length - 1 && !file.finalNewline ? '' : (endings[i] as string));
    });
    return out;
  });
