/** A small therapy catalog; condition tags match the communities' conditionTags. */
import type { Therapy } from '../../shared/schemas/therapies';

export const DEMO_THERAPIES: Omit<Therapy, 'updatedAt'>[] = [
  {
    id: 'pembrolizumab',
    name: 'Pembrolizumab',
    aliases: ['Keytruda'],
    conditions: ['lung-cancer', 'melanoma'],
  },
  {
    id: 'nivolumab',
    name: 'Nivolumab',
    aliases: ['Opdivo'],
    conditions: ['lung-cancer', 'melanoma'],
  },
  { id: 'ipilimumab', name: 'Ipilimumab', aliases: ['Yervoy'], conditions: ['melanoma'] },
  {
    id: 'dabrafenib',
    name: 'Dabrafenib',
    aliases: ['Tafinlar'],
    conditions: ['melanoma', 'lung-cancer'],
  },
  { id: 'osimertinib', name: 'Osimertinib', aliases: ['Tagrisso'], conditions: ['lung-cancer'] },
  { id: 'carboplatin', name: 'Carboplatin', aliases: ['Paraplatin'], conditions: ['lung-cancer'] },
  {
    id: 'methotrexate',
    name: 'Methotrexate',
    aliases: ['Trexall', 'Otrexup'],
    conditions: ['rheumatoid-arthritis', 'psoriatic-arthritis'],
  },
  {
    id: 'adalimumab',
    name: 'Adalimumab',
    aliases: ['Humira'],
    conditions: ['rheumatoid-arthritis', 'psoriatic-arthritis'],
  },
  { id: 'metformin', name: 'Metformin', aliases: ['Glucophage'], conditions: ['type-2-diabetes'] },
  {
    id: 'insulin-glargine',
    name: 'Insulin glargine',
    aliases: ['Lantus', 'Basaglar'],
    conditions: ['type-1-diabetes', 'type-2-diabetes'],
  },
];
