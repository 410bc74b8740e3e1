import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { AuditedRead, showRead, shownByHandler } from '../audit/audited-read.decorator';
import { notFound } from '../errors/api-error';
import { queryYear } from '../http/query-fields';
import { parseBody } from '../zod-body';
import { CLASS_KINDS, ClassesService } from './classes.service';

const newClass = z
  .strictObject({
    kind: z.enum(CLASS_KINDS),
    name: visibleText(300),
    organizerOrgId: z.uuid(),
    startsOn: localDate,
    endsOn: localDate,
    issuer: visibleText(300),
  })
  .refine((c) => c.startsOn <= c.endsOn, { message: 'endsOn precedes startsOn', path: ['endsOn'] });
const participant = z
  .strictObject({ dossierId: z.uuid().optional(), fullName: visibleText(200).optional() })
  .refine((p) => !!p.dossierId !== !!p.fullName, { message: 'give either dossierId or fullName' });
const closing = z.strictObject({ closedOn: localDate, certificatePrefix: visibleText(40) });
const listQuery = z.strictObject({ year: queryYear.optional(), kind: z.enum(CLASS_KINDS).optional() });
const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Không tìm thấy lớp / class not found') });

@ApiTags('classes')
@ApiBearerAuth()
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Post()
  @HttpCode(201)
  @Roles('specialist', 'admin')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return this.classes.create(user, parseBody(newClass, body));
  }

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    return this.classes.list(user, parseBody(listQuery, query));
  }

  /** Audited: the participants' names, and their dossiers, are personal data. */
  @Get(':id')
  @AuditedRead('class', shownByHandler)
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Req() request: Request) {
    const { organizerPath, ...trainingClass } = await this.classes.read(user, id);
    const dossierIds = trainingClass.participants.flatMap((p) => (p.dossierId ? [p.dossierId] : []));
    showRead(request, { dossierIds, organisationPath: organizerPath });
    return trainingClass;
  }

  @Post(':id/participants')
  @HttpCode(200)
  @Roles('specialist', 'grassrootsOfficer', 'cellSecretary', 'admin')
  enrol(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    return this.classes.enrol(user, id, parseBody(participant, body));
  }

  /** Closes the class and records every participant's certificate on their dossier, reporting each outcome. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles('specialist')
  close(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    const { closedOn, certificatePrefix } = parseBody(closing, body);
    return this.classes.close(user, id, closedOn, certificatePrefix);
  }
}
