import { can, type Actor } from '../../../domain/access';
import { builtInFormatTemplates } from '../../../domain/matters/formats';
import type { Db } from '../../db/client';
import { AppError, forbidden, notFound } from '../../errors';
import { authorize } from '../../plugins/authorize';
import type { FormatInput } from '../../../contracts/matters';
import {
  formatsOfPlace,
  insertFormat,
  insertMissingFormats,
  isFormatNameTaken,
  lockFormat,
  updateFormat,
} from './formats.repository';
import { placeForLevel, placeOr400 } from './matters.service';
import { presentFormat } from './formats.presenter';

/** The community a place belongs to (its formats are the community's); 403 above community level. */
async function communityOf(db: Db, placeId: number) {
  const community = await placeForLevel(db, await placeOr400(db, placeId, 'id'), 'community');
  if (!community) throw forbidden();
  return community;
}

/** A community's formats; the six built-in templates are created for it on first use. */
export async function listFormats(db: Db, actor: Actor, placeId: number) {
  const place = await placeOr400(db, placeId, 'id');
  authorize(actor, 'place.view', { type: 'place', path: place.path }, { what: 'place' });
  const community = await communityOf(db, placeId);
  await insertMissingFormats(
    db,
    builtInFormatTemplates.map((f) => ({
      ...f,
      inviteeGroups: [...f.inviteeGroups],
      councilKinds: [...f.councilKinds],
      governances: [...f.governances],
      placeId: community.id,
      placePath: community.path,
      isBuiltIn: true,
    })),
  );
  return {
    items: (await formatsOfPlace(db, community.id)).map(presentFormat),
    canManage: can(actor, 'format.manage', { type: 'place', path: community.path }),
  };
}

/** A new format of the community (officers over it); 409 when it already has one of that name. */
export async function createFormat(db: Db, actor: Actor, placeId: number, input: FormatInput) {
  const community = await communityOf(db, placeId);
  authorize(actor, 'format.manage', { type: 'place', path: community.path }, { what: 'place' });
  const row = await insertFormat(db, { placeId: community.id, placePath: community.path, ...input });
  if (!row) throw new AppError(409, 'conflict', { field: 'name', params: { detail: input.name } });
  return presentFormat(row);
}

/** Rewrites a format; a built-in one keeps its name (communities get the built-ins back by name). */
export async function editFormat(db: Db, actor: Actor, formatId: number, input: FormatInput) {
  return db.transaction(async (tx) => {
    const format = await lockFormat(tx, formatId);
    if (!format) throw notFound('format');
    authorize(
      actor,
      'format.manage',
      { type: 'place', path: format.placePath },
      { what: 'format', seeIf: ['place.view'] },
    );
    if (format.isBuiltIn && input.name !== format.name)
      throw new AppError(409, 'format.built_in_name', { field: 'name' });
    if (await isFormatNameTaken(tx, format.placeId, input.name, format.id))
      throw new AppError(409, 'conflict', { field: 'name', params: { detail: input.name } });
    return presentFormat(await updateFormat(tx, format.id, input));
  });
}
