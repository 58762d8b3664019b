/**
 * Demo communities, after the ones Smart Patients ran with partner organizations. Every
 * partner name is invented: none of these organizations exists.
 */
import type { Community } from '../../shared/schemas/communities';

export type DemoCommunity = Omit<Community, 'updatedAt'>;

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    id: 'lung-cancer',
    slug: 'lung-cancer',
    name: 'Lung cancer',
    description:
      'Patients and caregivers living with non-small cell and small cell lung cancer: treatments, side effects, scans, trials and the everyday.',
    partner: { name: 'Northwind Lung Cancer Alliance', kind: 'advocacy' },
    conditionTags: [
      'lung-cancer',
      'nsclc',
      'sclc',
      'non-small-cell-lung-cancer',
      'small-cell-lung-cancer',
    ],
    // Open: anyone may join at once (the end-to-end test relies on it).
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: true,
    guidelines:
      'Share what you have lived, not medical advice. Talk with your care team before changing a treatment.',
  },
  {
    id: 'melanoma',
    slug: 'melanoma',
    name: 'Melanoma',
    description: 'For people with melanoma at any stage and those who care for them.',
    partner: { name: 'Sunward Melanoma Network', kind: 'advocacy' },
    conditionTags: ['melanoma', 'skin-cancer'],
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: true,
  },
  {
    id: 'arthritis',
    slug: 'arthritis',
    name: 'Arthritis',
    description:
      'Rheumatoid, psoriatic and osteoarthritis: managing pain, flares, medication and work.',
    partner: { name: 'Lindenfield Joint Health Center', kind: 'medical-center' },
    conditionTags: [
      'rheumatoid-arthritis',
      'psoriatic-arthritis',
      'osteoarthritis',
      'ankylosing-spondylitis',
    ],
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: false,
  },
  {
    id: 'diabetes',
    slug: 'diabetes',
    name: 'Diabetes',
    description: 'Type 1 and type 2 diabetes: glucose, food, devices, and living well with it.',
    partner: { name: 'Brightwater Diabetes Research Group', kind: 'research' },
    conditionTags: ['type-1-diabetes', 'type-2-diabetes'],
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: false,
  },
  {
    id: 'caregivers',
    slug: 'caregivers',
    name: 'Caregivers',
    description:
      'For family members and friends caring for someone who is ill, whatever the condition.',
    partner: { name: 'Hearthstone Caregiver Circle', kind: 'advocacy' },
    conditionTags: ['caregiving'],
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: false,
  },
  {
    id: 'acinic-cell-carcinoma',
    slug: 'acinic-cell-carcinoma',
    name: 'Acinic cell carcinoma',
    description:
      'A rare salivary gland cancer: finding specialists, surgery and radiation, long-term follow-up.',
    partner: { name: 'Meridian Rare Salivary Tumor Project', kind: 'research' },
    conditionTags: [
      'acinic-cell-carcinoma',
      'salivary-gland-cancer',
      'rare-cancer',
      'ntrk-fusion-cancer',
    ],
    joinPolicy: 'approval',
    premoderation: false,
    allowTherapySharing: true,
  },
  {
    id: 'ehlers-danlos',
    slug: 'ehlers-danlos',
    name: 'Ehlers-Danlos syndrome',
    description:
      'Hypermobility, pain, diagnosis journeys and finding clinicians who understand EDS.',
    partner: { name: 'Flexion Connective Tissue Society', kind: 'advocacy' },
    conditionTags: ['ehlers-danlos-syndrome', 'hypermobility'],
    joinPolicy: 'approval',
    premoderation: true,
    allowTherapySharing: false,
  },
  {
    id: 'lgbt-caregivers',
    slug: 'lgbt-caregivers',
    name: 'LGBT caregivers',
    description:
      'A private space for LGBT people caring for partners, parents, chosen family and friends.',
    partner: { name: 'Rainbow Porch Caregivers Collective', kind: 'other' },
    conditionTags: ['caregiving', 'lgbt'],
    joinPolicy: 'approval',
    premoderation: true,
    allowTherapySharing: false,
  },
];
