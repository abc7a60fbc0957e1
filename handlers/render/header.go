package render

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
)

// SetHeader sets a response header whose name is in canonical form, as
// the fiber.Header* constants are. It skips the normalisation c.Set does
// on every call, which was a tenth of the work of a cached answer: those
// set a dozen headers each. fasthttp copies name and value.
func SetHeader(c *fiber.Ctx, name, value string) {
	c.Response().Header.SetCanonical(utils.UnsafeBytes(name), utils.UnsafeBytes(value))
}
