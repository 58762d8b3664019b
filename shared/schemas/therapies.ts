import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, shortText, stringList, timeField } from './common';

export interface Therapy extends BaseDoc {
  name: string;
  aliases: string[];
  conditions: string[];
}

export const therapySchema: RxJsonSchema<Therapy> = {
  title: 'therapies',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    name: shortText(LIMITS.nameMax),
    aliases: stringList(50, LIMITS.nameMax),
    conditions: stringList(50, LIMITS.nameMax),
  },
  required: ['id', 'updatedAt', 'name', 'aliases', 'conditions'],
};
