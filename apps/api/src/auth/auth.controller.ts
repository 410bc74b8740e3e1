import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@libs/auth';
import { parseBody } from '../zod-body';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

const credentials = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown, @Ip() address: string) {
    const { username, password } = parseBody(credentials, body);
    return this.auth.login(username, password, address);
  }
}
