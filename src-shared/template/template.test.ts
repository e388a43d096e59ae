import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from '.';

describe('parseTemplate', () => {
  it('lists the distinct fields in order of first use', () => {
    expect(parseTemplate('Hi {{Vorname|Kunde}}, {{Datum}} at {{ vorname }}').fields).toEqual(['Vorname', 'Datum']);
  });

  it('reports an unclosed field and a field without a name', () => {
    const problems = parseTemplate('Hallo {{Vorname, see {{}} you').problems;
    expect(problems.map(({ kind, at }) => [kind, at])).toEqual([
      ['unclosed-field', 6],
      ['empty-field-name', 21],
    ]);
  });

  it('has no problems for plain text, braces that are not fields, and emoji', () => {
    expect(parseTemplate('Price {5} 🎉 {not a field}').problems).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('fills fields, matching names without regard to case or spaces', () => {
    expect(renderTemplate('Hallo {{Vorname}}, Ihr Termin: {{ DATUM }}', { vorname: 'Jörg', Datum: '3.5.' })).toEqual({
      text: 'Hallo Jörg, Ihr Termin: 3.5.',
      missingFields: [],
    });
  });

  it('uses the fallback for a missing or blank value', () => {
    expect(renderTemplate('Hallo {{Vorname|Kunde}}!', {}).text).toBe('Hallo Kunde!');
    expect(renderTemplate('Hallo {{Vorname|Kunde}}!', { Vorname: '  ' }).text).toBe('Hallo Kunde!');
    expect(renderTemplate('Hallo {{Vorname|}}!', {}).text).toBe('Hallo !');
  });

  it('names fields without value or fallback instead of sending the braces', () => {
    expect(renderTemplate('Hi {{Name}} {{Name}}', {})).toEqual({ text: 'Hi  ', missingFields: ['Name'] });
  });

  it('never interprets a value as a template', () => {
    expect(renderTemplate('{{A}}', { A: '{{B}}', B: 'x' }).text).toBe('{{B}}');
  });

  it('returns text without fields unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !/\{\{[^{}]*\}\}/.test(s)), (text) => {
        expect(renderTemplate(text, { x: 'y' }).text).toBe(text);
      }),
    );
  });
});
