import { describe, expect, it } from 'vitest';
import { CRISIS_REGIONS, DEFAULT_CRISIS_LINES, crisisLinesFor, isCrisisRegionId } from './crisis';

const names = (lines: { name: string }[]) => lines.map((l) => l.name);

describe('which crisis lines to offer', () => {
  it('offers every bundled line when no region is chosen', () => {
    expect(crisisLinesFor({})).toEqual([...DEFAULT_CRISIS_LINES]);
  });

  it("offers the chosen region's lines and emergency services, and always something", () => {
    expect(names(crisisLinesFor({ region: 'uk-ie' }))).toEqual([
      'Emergency services',
      'Samaritans',
    ]);
    expect(names(crisisLinesFor({ region: 'elsewhere' }))).toEqual([
      'Emergency services',
      'Find a helpline',
    ]);
    for (const region of CRISIS_REGIONS) {
      expect(crisisLinesFor({ region: region.id }).length).toBeGreaterThan(1);
    }
  });

  it("puts the community's own lines first and never lists one line twice", () => {
    const own = {
      region: 'Northland',
      name: 'Northland Support Line',
      contact: 'Call 0800 000 000',
    };
    const lines = crisisLinesFor({
      region: 'us',
      communityLines: [own, { ...DEFAULT_CRISIS_LINES[1]!, region: 'US' }],
    });
    expect(names(lines)).toEqual([
      'Northland Support Line',
      '988 Suicide & Crisis Lifeline',
      'Emergency services',
    ]);
  });

  it('knows its region ids', () => {
    expect(isCrisisRegionId('au')).toBe(true);
    expect(isCrisisRegionId('mars')).toBe(false);
    expect(isCrisisRegionId(null)).toBe(false);
  });
});
