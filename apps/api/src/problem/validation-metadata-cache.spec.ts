import { IsString, MaxLength, validate } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

describe('remembered validation metadata', () => {
  beforeAll(() => rememberValidationMetadata());

  it('validates as before, rules inherited from a parent class included', async () => {
    class Child extends Base {}
    expect((await validate(Object.assign(new Child(), { name: 42 }))).map((e) => e.property)).toEqual(['name']);
    expect(await validate(Object.assign(new Child(), { name: 'fine' }))).toEqual([]);
  });

  it('forgets what it remembered when a rule is registered after a lookup', async () => {
    class Late {
      @IsString()
      code!: string;
    }
    const late = Object.assign(new Late(), { code: 'toolong' });
    expect(await validate(late)).toEqual([]);
    MaxLength(3)(Late.prototype, 'code');
    expect((await validate(late)).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['maxLength']]);
  });
});
