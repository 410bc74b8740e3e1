import { Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, requireUnscopedAdmin, Roles, type AuthenticatedUser } from '@libs/auth';
import { loadCalendarOverrides } from '@libs/persistence';
import { FIRST_YEAR, LAST_YEAR, localDate } from '@workflows/admission/events/event-schemas';
import { invalidRequest } from '../errors/api-error';
import { Answers, Errors, ZodBody } from '../openapi/documented-operation';
import { HOLIDAY_SOURCES, OfficeCalendar } from '@libs/calendar';

const override = z
  .strictObject({ kind: z.enum(['dayOff', 'workingDay']), note: visibleText(300) })
  .meta({ id: 'CalendarOverrideChange', title: 'Ngày nghỉ hoặc làm bù / day off or make-up day' });
const overrideSchema = z.object({ date: z.string(), kind: z.enum(['dayOff', 'workingDay']), note: z.string() });
const storedOverride = overrideSchema.meta({ id: 'CalendarOverride', title: 'Ngày điều chỉnh / override' });
const yearSchema = z
  .object({
    year: z.int(),
    holidays: z.array(z.object({ date: z.string(), name: z.string(), source: z.enum(HOLIDAY_SOURCES) })),
  })
  .meta({ id: 'CalendarYear', title: 'Ngày nghỉ trong năm / days off of a year' });

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
  @ApiOperation({ summary: 'Ngày nghỉ lễ, nghỉ bù của một năm / Days off of a year' })
  @Answers(200, yearSchema)
  @Errors('INVALID_REQUEST')
  year(@Param('year', ParseIntPipe) year: number) {
    // date-holidays never returns for some years (year 1, years past ~70000): keep to the years a dossier can use.
    if (year < FIRST_YEAR || year > LAST_YEAR)
      throw invalidRequest([
        { path: 'year', message: `Từ năm ${FIRST_YEAR} đến ${LAST_YEAR} / ${FIRST_YEAR}–${LAST_YEAR}` },
      ]);
    const holidays = this.office.calendar.holidaysIn(year);
    return { year, holidays };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Các ngày điều chỉnh lịch / Calendar overrides' })
  @Answers(200, z.array(storedOverride))
  @Errors('FORBIDDEN')
  overrides() {
    return loadCalendarOverrides(this.dataSource);
  }

  @Put('overrides/:date')
  @Roles('admin')
  @ApiOperation({ summary: 'Đặt một ngày nghỉ hoặc làm bù / Set a day off or a make-up working day' })
  @Answers(200, storedOverride)
  @Errors('FORBIDDEN')
  async put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('date') date: string,
    @ZodBody(override) { kind, note }: z.infer<typeof override>,
  ) {
    requireUnscopedAdmin(user);
    if (!localDate.safeParse(date).success)
      throw invalidRequest([{ path: 'date', message: 'Ngày theo dạng YYYY-MM-DD / a date as YYYY-MM-DD' }]);
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
  @ApiOperation({ summary: 'Bỏ một ngày điều chỉnh / Remove an override' })
  @Answers(204, undefined, { description: 'No Content' })
  @Errors('INVALID_REQUEST', 'FORBIDDEN')
  async remove(@CurrentUser() user: AuthenticatedUser, @Param('date') date: string) {
    requireUnscopedAdmin(user);
    if (!localDate.safeParse(date).success)
      throw invalidRequest([{ path: 'date', message: 'Ngày theo dạng YYYY-MM-DD / a date as YYYY-MM-DD' }]);
    await this.dataSource.query('DELETE FROM calendar_overrides WHERE date = $1', [date]);
    await this.office.reload();
  }
}
