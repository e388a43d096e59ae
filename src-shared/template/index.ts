export { parseTemplate, fieldKey, type ParsedTemplate, type TemplatePiece, type TemplateProblem } from './parse-template';
export { renderTemplate, indexFields, type RenderResult } from './render-template';
