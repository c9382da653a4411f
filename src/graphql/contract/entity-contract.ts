import {
  Kind,
  type DocumentNode,
  type FieldDefinitionNode,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';
import { ENTITY_FIELD_NAMES, ENTITY_FIELDS, type EntityFieldName } from '../../domain/entity-fields';
import { ENTITY_LABELS, type EntityLabel } from '../../domain/model';

/**
 * The entity part of the GraphQL contract, written from the model: the declared fields
 * (entity-fields.ts) on the Entity interface and on EntityClaim, and each entity type as every
 * field of the interface (with its description) followed by the fields of its own (an
 * agreement's parties). Everything else in schema.graphql is as its authors wrote it.
 */
export function withEntityContract(document: DocumentNode): DocumentNode {
  const entity = document.definitions.find(
    (definition): definition is InterfaceTypeDefinitionNode =>
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION && definition.name.value === 'Entity',
  );
  if (!entity) throw new Error('schema.graphql has no Entity interface');
  const contractEntity = { ...entity, fields: withDeclared(entity.fields ?? [], fieldsFor(null)) };
  return {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition === entity) return contractEntity;
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return definition;
      const name = definition.name.value;
      if (name === 'EntityClaim') return { ...definition, fields: withDeclared(definition.fields ?? [], fieldsFor()) };
      if (!(ENTITY_LABELS as readonly string[]).includes(name)) return definition;
      return entityType(definition, contractEntity, name as EntityLabel);
    }),
  };
}

/** The interface's fields, then the declared fields of this kind only, then the type's own. */
function entityType(
  type: ObjectTypeDefinitionNode,
  entity: InterfaceTypeDefinitionNode,
  label: EntityLabel,
): ObjectTypeDefinitionNode {
  const shared = new Set((entity.fields ?? []).map((field) => field.name.value));
  const declared = new Set<string>(ENTITY_FIELD_NAMES);
  const own = (type.fields ?? []).filter((field) => !shared.has(field.name.value) && !declared.has(field.name.value));
  const onlyHere = fieldsFor(label).filter((field) => !shared.has(field.name.value));
  return { ...type, fields: [...(entity.fields ?? []), ...onlyHere, ...own] };
}

/** `fields` without any declared field, the declared ones inserted after `nameEn`. */
function withDeclared(
  fields: readonly FieldDefinitionNode[],
  declared: readonly FieldDefinitionNode[],
): FieldDefinitionNode[] {
  const kept = fields.filter((field) => !(ENTITY_FIELD_NAMES as readonly string[]).includes(field.name.value));
  const at = kept.findIndex((field) => field.name.value === 'nameEn') + 1;
  return [...kept.slice(0, at), ...declared, ...kept.slice(at)];
}

/**
 * Declared fields as GraphQL fields: those every entity has (label null), those a kind has
 * (label), or all of them (no argument: a claim may give any).
 */
function fieldsFor(label?: EntityLabel | null): FieldDefinitionNode[] {
  return ENTITY_FIELD_NAMES.filter((name) => {
    const labels: readonly EntityLabel[] | undefined = (ENTITY_FIELDS[name] as { labels?: readonly EntityLabel[] })
      .labels;
    if (label === undefined) return true;
    if (label === null) return labels === undefined;
    return labels === undefined || labels.includes(label);
  }).map(fieldNode);
}

function fieldNode(name: EntityFieldName): FieldDefinitionNode {
  const declaration = ENTITY_FIELDS[name];
  const text: TypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } };
  return {
    kind: Kind.FIELD_DEFINITION,
    name: { kind: Kind.NAME, value: name },
    description: { kind: Kind.STRING, value: declaration.doc, block: false },
    arguments: [],
    directives: [],
    type:
      declaration.kind === 'list'
        ? { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: text as never } }
        : text,
  };
}
