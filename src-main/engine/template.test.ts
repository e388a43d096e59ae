import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate } from './template';

const render = (template: string, values: Record<string, string>) => renderTemplate(parseTemplate(template), values);

describe('campaign templates', () => {
  it('fills merge fields from the contact', () => {
    expect(render('Hallo {{Vorname}}, Ihr Termin: {{Datum}}.', { Vorname: 'Anna', Datum: '3.5.' })).toEqual({ text: 'Hallo Anna, Ihr Termin: 3.5..', missing: [] });
  });

  it('uses the fallback when the contact has no value (missing, empty or blank)', () => {
    const template = parseTemplate('Hallo {{Vorname|Kunde}}!');
    expect(renderTemplate(template, {}).text).toBe('Hallo Kunde!');
    expect(renderTemplate(template, { Vorname: '' }).text).toBe('Hallo Kunde!');
    expect(renderTemplate(template, { Vorname: '  ' }).text).toBe('Hallo Kunde!');
    expect(renderTemplate(template, { Vorname: 'Jörg' }).text).toBe('Hallo Jörg!');
  });

  it('reports fields without value or fallback and renders them as nothing', () => {
    expect(render('A{{X}}B{{X}}{{Y}}', { Y: 'y' })).toEqual({ text: 'ABy', missing: ['X'] });
  });

  it('matches column names ignoring case and surrounding spaces, exact name first', () => {
    expect(render('{{ vorname }}', { Vorname: 'Anna' }).text).toBe('Anna');
    expect(render('{{name}}', { Name: 'upper', name: 'lower' }).text).toBe('lower');
  });

  it('keeps text that only looks like a field', () => {
    expect(render('{{}} {{ |x}} and }} close', {}).text).toBe('{{}} {{ |x}} and }} close');
    expect(render('price {{ 5', {}).text).toBe('price {{ 5');
    expect(render('{{{{A}}', { A: 'a' }).text).toBe('{{a');
  });

  it('lists the fields a template uses, once each', () => {
    expect(parseTemplate('{{A}} {{B|x}} {{A}}').fields).toEqual(['A', 'B']);
  });

  it('keeps a fallback with its inner spaces and allows an empty one', () => {
    expect(render('Hi {{N|lieber Kunde}}.', {}).text).toBe('Hi lieber Kunde.');
    expect(render('Hi{{N|}}.', {}).text).toBe('Hi.');
  });
});
