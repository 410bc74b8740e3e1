import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, requireUnscopedAdmin, Roles, type AuthenticatedUser } from '@libs/auth';
import { loadCalendarOverrides } from '@libs/persistence';
import { FIRST_YEAR, LAST_YEAR, localDate } from '@workflows/admission/events/event-schemas';
import { invalidRequest } from '../errors/api-error';
import { parseBody } from '../zod-body';
import { OfficeCalendar } from '@libs/calendar';

const override = z.strictObject({ kind: z.enum(['dayOff', 'workingDay']), note: visibleText(300) });

/** The year's official days off and make-up working days (lịch nghỉ lễ, nghỉ bù, làm bù), kept by an admin. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly office: OfficeCalendar,
  ) {}

  @Get(':year')
  year(@Param('year', ParseIntPipe) year: number) {
    // date-holidays never returns for some years (year 1, years past ~70000): keep to the years a dossier can use.
    if (year < FIRST_YEAR || year > LAST_YEAR)
      throw invalidRequest([{ path: 'year', message: `${FIRST_YEAR}–${LAST_YEAR}` }]);
    const holidays = this.office.calendar.holidaysIn(year);
    return { year, holidays };
  }

  @Get()
  @Roles('admin')
  overrides() {
    return loadCalendarOverrides(this.dataSource);
  }

  @Put('overrides/:date')
  @Roles('admin')
  async put(@CurrentUser() user: AuthenticatedUser, @Param('date') date: string, @Body() body: unknown) {
    requireUnscopedAdmin(user);
    if (!localDate.safeParse(date).success) throw invalidRequest([{ path: 'date', message: 'YYYY-MM-DD' }]);
    const { kind, note } = parseBody(override, body);
    await this.dataSource.query(
      `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, $2, $3)
       ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note`,
      [date, kind, note],
    );
    await this.office.reload();
    return { date, kind, note };
  }

  @Delete('overrides/:date')
  @Roles('admin')
  @HttpCode(204)
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('date') date: string) {
    requireUnscopedAdmin(user);
    if (!localDate.safeParse(date).success) throw invalidRequest([{ path: 'date', message: 'YYYY-MM-DD' }]);
    await this.dataSource.query('DELETE FROM calendar_overrides WHERE date = $1', [date]);
    await this.office.reload();
  }
}
