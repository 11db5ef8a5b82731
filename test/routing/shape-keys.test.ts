import { parseAsteriskPattern, type SimplePattern } from '../../src/routing/asterisk-pattern';
import { regexShapes } from '../../src/routing/regex-shapes';
import { shapeKeys } from '../../src/routing/shape-keys';

function patternShape(p: string): SimplePattern {
  const parsed = parseAsteriskPattern(p);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.shape;
}

describe('shapeKeys', () => {
  it('spells out small leading sets as prefixes', () => {
    expect(shapeKeys([patternShape('_[2-8]XXX.')])).toEqual({ prefixes: ['2', '3', '4', '5', '6', '7', '8'] });
    expect(shapeKeys(regexShapes('^1[2-9]\\d{9}$', '') ?? [])).toEqual({ prefixes: ['12', '13', '14', '15', '16', '17', '18', '19'], length: 11 });
    expect(shapeKeys([patternShape('_26588XXXXXXX')])).toEqual({ prefixes: ['26588'], length: 12 });
    // Ten digits narrow nothing among digits: the prefix stops before them.
    expect(shapeKeys([patternShape('_XXXX')])).toEqual({ prefixes: [''], length: 4 });
  });

  it('gives exact keys when the shapes match a few literal strings only', () => {
    expect(shapeKeys(regexShapes('^(?:911|112|999)$', '') ?? [])).toEqual({ exact: ['911', '112', '999'], prefixes: ['911', '112', '999'], length: 3 });
    expect(shapeKeys([patternShape('_1000')])).toEqual({ exact: ['1000'], prefixes: ['1000'], length: 4 });
    expect(shapeKeys([patternShape('_10[01]')]).exact).toEqual(['100', '101']);
    // An open tail is never exact.
    expect(shapeKeys([patternShape('_10[01]!')]).exact).toBeUndefined();
    expect(shapeKeys(regexShapes('^(?:1|22)$', '') ?? [])).toEqual({ exact: ['1', '22'], prefixes: ['1', '22'] });
  });

  it('keeps unions of shapes to a bounded number of keys', () => {
    // Six shapes with eight spelled-out prefixes each make 48 keys; nine would make 72: their sets stay unspelled.
    expect(shapeKeys(regexShapes('^(1|2|3|4|5|6)[0-7][0-7]\\d$', '') ?? []).prefixes).toHaveLength(48);
    const many = regexShapes('^(1|2|3|4|5|6|7|8|9)[0-7][0-7]\\d$', '') ?? [];
    expect(many).toHaveLength(9);
    expect(shapeKeys(many).prefixes).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});
